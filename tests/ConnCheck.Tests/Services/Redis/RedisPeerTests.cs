using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Services;
using ConnCheck.Services.Redis;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Redis;

/// <summary>Peers that are not a working Redis: one that never answers, one that hangs up, one that speaks another protocol.</summary>
public sealed class RedisPeerTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Run_SilentPeer_ConnectTimedOutWithinTheCheckTimeout()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 1.5"));

        Assert.Equal([$"redis:127.0.0.1:{peer.Port}:tcp:127.0.0.1:{peer.Port}", $"redis:127.0.0.1:{peer.Port}:connect with auth"], results.Select(r => r.Name));
        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 1.5 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_SilentPeerWithoutCheckTimeout_ConnectTimeoutBounds()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port), options: new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(1.5) });

        Assert.Equal("timed out after 1.5 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ConnectAsync_SilentPeerTokenCancelled_DriverStopsAtTheTokenHangsUpAndNeverReconnects()
    {
        // Straight to the connector, without the runner's WaitAsync: the driver's own timeouts are an
        // hour off and its connect takes no token, so only the tunnel closing its connection at the
        // token can end the handshake this early. Then no second connection may come.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var check = Load(Check(port));
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var clock = Stopwatch.StartNew();

        var connect = RedisConnector.ConnectAsync(context, check, cancellation.Token);
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {clock.Elapsed}");
        using var bound = new CancellationTokenSource(Slack);
        var sent = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await accepted.ReceiveAsync(buffer, SocketFlags.None, bound.Token)) > 0)
        {
            sent.Write(buffer, 0, read);
        }

        // The connection was the driver's, and its handshake sends AUTH and PING and nothing else: no
        // INFO or CONFIG that an ACL user may be refused, no SET of a probe key into the user's data.
        var commands = Regex.Matches(Encoding.ASCII.GetString(sent.ToArray()), @"\*\d+\r\n\$\d+\r\n([A-Za-z]+)\r\n").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal("AUTH", commands.FirstOrDefault());
        Assert.All(commands, command => Assert.Contains(command, (string[])["AUTH", "PING"]));
        Assert.False(listener.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead), "the driver connected again");
    }

    [Fact]
    public async Task Run_PeerHangsUpAtOnce_ServerClosedTheConnectionAndNoReconnect()
    {
        await using var peer = TcpPeer.Start();

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 5"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("the server closed the connection during the Redis handshake", results[1].Message);

        // One connection, the tcp step's, which the driver is handed, and none after: a failed check does not reconnect.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, peer.Accepted);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\n", "Unexpected reply: \"HTTP/1.1 400 Bad Request\\r\\n\\r\\n\"", "Protocol")]
    [InlineData("ERROR\r\n", "Unexpected reply: \"ERROR\\r\\n\"", "Protocol")]
    [InlineData("-LOADING Redis is loading the dataset in memory\r\n", "server error: LOADING Redis is loading the dataset in memory", "Protocol")]
    [InlineData("-NOAUTH Authentication required.\r\n", "authentication failed for user \"default\": the server still requires authentication", "Auth")]
    public async Task Run_PeerAnswersSomethingElse_WhatItSaid(string reply, string message, string stage)
    {
        await using var peer = GarbagePeer.Start(Encoding.ASCII.GetBytes(reply));

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 5"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(Enum.Parse<FailureStage>(stage), results[1]);
        Assert.Equal(message, results[1].Message);
        Assert.All(results, r => Assert.DoesNotContain("peer-test-password", $"{r.Message} {r.Error}", StringComparison.Ordinal));
    }

    private static RedisCheck Load(string yaml) =>
        Assert.IsType<RedisCheck>(Assert.Single(ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table).Checks));

    private static string Check(int port, string? extra = null) =>
        $"""
        - type: redis
          host: 127.0.0.1
          port: {port}
          password: peer-test-password
          {extra}
        """;
}
