using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Services;
using ConnCheck.Services.Amqp;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Amqp;

/// <summary>A server that accepts and never answers, or sends garbage: the check's own timeout bounds every stage.</summary>
public sealed class AmqpTimeoutTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Run_SilentPeerWithTls_TlsTimedOutAmqpSkipped()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, useTls: true, "timeout: 1"));

        Assert.Equal(
            [$"tcp:127.0.0.1:{peer.Port}", $"tls:127.0.0.1:{peer.Port}", $"amqp:127.0.0.1:{peer.Port}"],
            results.Select(r => r.Name));
        Assert.Equal(
            [ResultStatus.Ok, ResultStatus.Failed, ResultStatus.Skipped],
            results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 1 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_SilentPeerPlain_AmqpTimedOutWithinTheCheckTimeout()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, useTls: false, "timeout: 1"));

        Assert.Equal([$"tcp:127.0.0.1:{peer.Port}", $"amqp:127.0.0.1:{peer.Port}"], results.Select(r => r.Name));
        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 1 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_SilentPeerWithoutCheckTimeout_ConnectTimeoutBounds()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, useTls: false), options: new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(0.5) });

        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 0.5 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_GarbageClaimingALongFrame_FailedAtOnce()
    {
        // A method frame of 32 MiB, by its header, then random bytes on a connection held open: the driver
        // would wait for the rest of the frame until the timeout.
        await using var peer = GarbagePeer.StartRandom(64 * 1024, prefix: [1, 0, 0, 2, 0, 0, 0]);
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, useTls: false, "timeout: 5"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_ManyChecksAgainstRandomBytes_AllEndWithinTheirTimeout()
    {
        // Whatever the random bytes say, every check ends by its timeout; bench/garbage-peers.sh measures time and memory.
        await using var peer = GarbagePeer.StartRandom(64 * 1024);
        var yaml = string.Concat(Enumerable.Repeat(Check(peer.Port, useTls: false, "timeout: 1") + "\n", 50));
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(yaml);

        Assert.Equal(100, results.Count);
        Assert.All(results.Where(r => r.Name.StartsWith("amqp:", StringComparison.Ordinal)), r => Assert.Equal(ResultStatus.Failed, r.Status));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task OpenAsync_HangingConnectNoTimeoutInTheCheckNoToken_DriverTimeoutFromTheTimeLeft()
    {
        // Straight to the connector, with a token that never fires and no timeout in the YAML: the check
        // runs under --connect-timeout (here 0.5 s), and only the driver's own connect timeout, taken
        // from the time the check has left, can end the connect.
        using var tarpit = Tarpit.Start();
        var check = Load(Check(tarpit.Port, useTls: false));
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System).ForCheck(TimeSpan.FromSeconds(0.5));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CheckFailedException>(() => AmqpConnector.OpenAsync(context, check, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FailureStage.ConnectTimeout, error.Stage);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.5), $"gave up after {clock.Elapsed}, before the check's timeout");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5) + Slack, $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAsync_SilentPeerTokenCancelled_DriverStopsAtTheTokenAndHangsUp(bool useTls)
    {
        // Straight to the connector, without the runner's WaitAsync: the driver's own timeouts are an
        // hour off, so only the token can end the handshake this early. The peer must then see the
        // connection closed: nothing of the driver's may linger on it.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var check = Load(Check(port, useTls));
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(0.5));
        var clock = Stopwatch.StartNew();

        var open = AmqpConnector.OpenAsync(context, check, cancellation.Token);
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5) + Slack, $"took {clock.Elapsed}");
        Assert.True(await HungUpAsync(accepted), "the connection is still open");
    }

    // Whether the client ends the connection, by a close or a reset, within the slack.
    private static async Task<bool> HungUpAsync(Socket socket)
    {
        using var bound = new CancellationTokenSource(Slack);
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, bound.Token) > 0)
            {
                // What the client sent before it gave up (AMQP's header or a TLS ClientHello); the end is what counts.
            }

            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static AmqpCheck Load(string yaml) =>
        Assert.IsType<AmqpCheck>(Assert.Single(ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table).Checks));

    private static string Check(int port, bool useTls, string? extra = null) =>
        $"""
        - type: amqp
          host: 127.0.0.1
          port: {port}
          username: someone
          password: secret
          use_tls: {(useTls ? "true" : "false")}
          {extra}
        """;
}
