using System.Diagnostics;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;
using ConnCheck.TestPeers.Mongo;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Mongo;

/// <summary>
/// A server that is down, stops answering or sends garbage: the check's own timeout bounds every
/// stage, server selection included (the driver's default is 30 s), the check does not give up before
/// it, and the message says what was awaited.
/// </summary>
public sealed class MongoTimeoutTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Run_ClosedPort_TcpFailedConnectSkipped()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(port, "timeout: 5"));

        Assert.Equal([ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Connect, results[0]);
        Assert.Equal("Connection refused", results[0].Message);
        Assert.Equal($"mongodb:127.0.0.1:{port}:connect", results[1].Name);
    }

    [Fact]
    public async Task Run_ConnectOnlyOnAClosedPort_RefusedAtOnceNotAtServerSelectionTimeout()
    {
        // The pattern leaves out the tcp subcheck, so the driver meets the closed port itself.
        var port = ClosedPort.Tcp();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(port, "timeout: 5"), selection: new Selection(TagFilter.None, new NamePattern(["*:connect"])));

        var result = Assert.Single(results);
        StageAssert.Failed(FailureStage.Connect, result);
        Assert.Equal("Connection refused", result.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_NotAMongoServer_FailedAtOnceSayingTheHandshakeFailed()
    {
        await using var peer = GarbagePeer.Start("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.StartsWith("MongoDB handshake failed: ", results[1].Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_GarbageClaimingALongMessage_FailedAtOnceNotMongo()
    {
        // Random bytes after a length the driver would take on trust (32 MiB), on a connection held open:
        // the driver would allocate it all and wait for the rest until the timeout.
        await using var peer = GarbagePeer.StartRandom(64 * 1024, prefix: [1, 0, 0, 2]);
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("MongoDB handshake failed: the server did not answer in the MongoDB wire protocol", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_ManyChecksAgainstRandomBytes_AllEndWithinTheirTimeout()
    {
        // Whatever the random bytes say, every check ends by its timeout; bench/garbage-peers.sh measures time and memory.
        await using var peer = GarbagePeer.StartRandom(64 * 1024);
        var yaml = string.Concat(Enumerable.Repeat(MongoYaml.Check(peer.Port, "timeout: 1") + "\n", 50));
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(yaml);

        Assert.Equal(100, results.Count);
        Assert.All(results.Where(r => r.Name.EndsWith(":connect", StringComparison.Ordinal)), r => Assert.Equal(ResultStatus.Failed, r.Status));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_PeerStallsAfterAccept_FailedWaitingForTheHandshakeAtTheTimeout()
    {
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { StallAfterAccept = true });
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 2"));

        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out waiting for the server to answer the MongoDB handshake", results[1].Message);
        AssertAtTheTimeout(TimeSpan.FromSeconds(2), clock.Elapsed);
    }

    [Fact]
    public async Task Run_DriverStallsAfterAccept_FailedWaitingForTheHandshakeAtTheTimeout()
    {
        // Only the connect subcheck runs: its own first connection is answered, the driver's are not. The
        // driver's own clocks must not end the check before its timeout.
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { StallAfterAccept = true, AnsweredConnections = 1 });
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 1"), selection: new Selection(TagFilter.None, new NamePattern(["*:connect"])));

        var result = Assert.Single(results);
        StageAssert.Failed(FailureStage.Timeout, result);
        Assert.Equal("timed out waiting for the server to answer the MongoDB handshake", result.Message);
        AssertAtTheTimeout(TimeSpan.FromSeconds(1), clock.Elapsed);
    }

    [Fact]
    public async Task Run_PeerStallsWithoutCheckTimeout_ConnectTimeoutBounds()
    {
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { StallAfterAccept = true });
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port), options: new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(1.5) });

        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out waiting for the server to answer the MongoDB handshake", results[1].Message);
        AssertAtTheTimeout(TimeSpan.FromSeconds(1.5), clock.Elapsed);
    }

    [Fact]
    public async Task Run_PeerStallsOnSaslStart_FailedWaitingForAuthentication()
    {
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { Users = [new MongoPeerUser("alice", "pw", "test")], StallOn = "saslStart" });
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 4", "username: alice", "password: pw"));

        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out waiting for the server to authenticate user \"alice\"", results[1].Message);
        AssertAtTheTimeout(TimeSpan.FromSeconds(4), clock.Elapsed);
    }

    [Fact]
    public async Task Run_PeerStallsOnListCollections_FailedWaitingForListCollections()
    {
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { StallOn = "listCollections" });
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 4"));

        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out waiting for the server to answer listCollections on database \"test\"", results[1].Message);
        AssertAtTheTimeout(TimeSpan.FromSeconds(4), clock.Elapsed);
    }

    [Fact]
    public async Task Run_PeerStalls_TheDriverLeavesNoConnectionBehind()
    {
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { StallAfterAccept = true });

        await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 1"));

        Assert.True(await CheckHarness.EventuallyAsync(() => peer.OpenConnections == 0, Slack), $"{peer.OpenConnections} still open");
    }

    // Not before the timeout (the driver's clocks fire after it), and not long after. The runner's timer
    // may fire a millisecond or so ahead of the stopwatch; the driver used to give up a tenth early.
    private static void AssertAtTheTimeout(TimeSpan timeout, TimeSpan elapsed)
    {
        Assert.True(elapsed >= timeout - TimerResolution, $"gave up after {elapsed}, before the {timeout} timeout");
        Assert.True(elapsed < timeout + Slack, $"took {elapsed}");
    }
}
