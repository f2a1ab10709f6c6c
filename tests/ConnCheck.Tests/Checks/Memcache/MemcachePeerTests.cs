using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Memcache;

/// <summary>Peers that are not a working memcached: silent, trickling, flooding, speaking another protocol.</summary>
public sealed class MemcachePeerTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Run_SilentPeer_ConnectTimedOutWithinTheCheckTimeout()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 1.5"));

        Assert.Equal([$"memcache:127.0.0.1:{peer.Port}:tcp:127.0.0.1:{peer.Port}", $"memcache:127.0.0.1:{peer.Port}:connect"], results.Select(r => r.Name));
        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 1.5 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("ERROR\r\n", "Unexpected reply: \"ERROR\\r\\n\"")]
    [InlineData("+PONG\r\n", "Unexpected reply: \"+PONG\\r\\n\"")]
    [InlineData("VERSION", "Unexpected reply: \"VERSION\"")]
    [InlineData("", "the server closed the connection without answering version")]
    public async Task Run_PeerAnswersSomethingElse_UnexpectedReply(string reply, string message)
    {
        await using var peer = GarbagePeer.Start(Encoding.ASCII.GetBytes(reply));

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 5"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal(message, results[1].Message);
    }

    [Fact]
    public async Task Run_PeerAnswersVersion_Ok()
    {
        await using var peer = GarbagePeer.Start("VERSION 1.2.3-test\r\n"u8.ToArray());

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 5"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_PeerFloodsWithoutALineEnd_StopsAfterOneKibibyte()
    {
        await using var peer = GarbagePeer.Start(Encoding.ASCII.GetBytes(new string('x', 64 * 1024)));

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 5"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal($"Unexpected reply: \"{new string('x', 48)}\"... (1024 bytes)", results[1].Message);
    }

    [Fact]
    public async Task Run_PeerTricklesWithoutALineEnd_TimeoutBoundsTheWholeExchange()
    {
        // A byte every 50 ms never lets a read wait long; only a bound on the whole check ends it.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var trickle = TrickleAsync(listener, stop.Token);
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(port, "timeout: 1.5"));

        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 1.5 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5) + Slack, $"took {clock.Elapsed}");
        await stop.CancelAsync();
        await trickle;
    }

    // Accepts the tcp step's connection and the check's, and trickles to each until it goes or stop fires.
    private static async Task TrickleAsync(Socket listener, CancellationToken stop)
    {
        var connections = new List<Task>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var socket = await listener.AcceptAsync(stop);
                connections.Add(DripAsync(socket, stop));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped before both came.
        }

        await Task.WhenAll(connections);
    }

    private static async Task DripAsync(Socket socket, CancellationToken stop)
    {
        using (socket)
        {
            try
            {
                while (true)
                {
                    await socket.SendAsync("V"u8.ToArray(), SocketFlags.None, stop);
                    await Task.Delay(TimeSpan.FromMilliseconds(50), stop);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The client hung up, or the test is over.
            }
        }
    }

    private static string Check(int port, string? extra = null) =>
        $"""
        - type: memcache
          host: 127.0.0.1
          port: {port}
          {extra}
        """;
}
