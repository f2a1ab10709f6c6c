using System.Diagnostics;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.TestPeers;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Checks;

public sealed class TimeoutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Run_TcpToTarpit_TimedOutAfterCheckTimeout()
    {
        using var tarpit = Tarpit.Start();
        var clock = Stopwatch.StartNew();

        var result = await CheckHarness.RunOneAsync(Tcp(tarpit.Port, "timeout: 0.5"));

        StageAssert.Failed(FailureStage.ConnectTimeout, result);
        Assert.Equal("timed out after 0.5 s", result.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Run_NoCheckTimeout_DefaultTimeoutApplies()
    {
        using var tarpit = Tarpit.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Tcp(tarpit.Port), options: new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(0.5) });

        Assert.Equal("timed out after 0.5 s", Assert.Single(results).Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_SubchecksTogetherExceedTimeout_TimedOutThoughEachFitsAlone()
    {
        // Each step fits in the check's 1 s; the two together do not.
        var time = new FakeTimeProvider();
        var check = new DelayCheck(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(0.1));
        var collector = new ResultCollector();
        var runner = new CheckRunner(new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), time));

        var run = runner.RunAsync([check], new RunOptions(), collector);
        await collector.WaitUntilStartedAsync("step1", Patience);
        time.Advance(TimeSpan.FromSeconds(0.6));
        await collector.WaitUntilStartedAsync("step2", Patience);
        time.Advance(TimeSpan.FromSeconds(0.4));
        await run.WaitAsync(Patience);

        Assert.Collection(
            collector.Results,
            r => Assert.Equal(("step1", ResultStatus.Ok), (r.Name, r.Status)),
            r =>
            {
                Assert.Equal(("step2", ResultStatus.Failed, "timed out after 1 s"), (r.Name, r.Status, r.Message));
                Assert.Equal(FailureStage.Timeout, r.Stage);
            },
            r => Assert.Equal(("step3", ResultStatus.Skipped), (r.Name, r.Status)));
    }

    [Fact]
    public async Task Run_MaxTimeoutBeforeCheckTimeout_ReturnsAtMaxTimeout()
    {
        using var tarpit = Tarpit.Start();
        await using var peer = TcpPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(
            Tcp(tarpit.Port, "timeout: 30") + Tcp(peer.Port),
            options: new RunOptions { MaxTimeout = TimeSpan.FromSeconds(1) });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(2, results.Count);
        var stuck = Assert.Single(results, r => r.Name == $"tcp:127.0.0.1:{tarpit.Port}");
        StageAssert.Failed(FailureStage.MaxTimeout, stuck);
        Assert.Equal("Maximum timeout reached (1 s)", stuck.Message);
        Assert.Equal(ResultStatus.Ok, Assert.Single(results, r => r.Name == $"tcp:127.0.0.1:{peer.Port}").Status);
    }

    [Fact]
    public async Task Run_ManyChecksLimitedConcurrency_AllOkNeverMoreThanTheLimitAtOnce()
    {
        const int Count = 200;
        await using var peer = TcpPeer.Start();
        var yaml = string.Concat(Enumerable.Repeat(Tcp(peer.Port), Count));
        var checks = ConfigurationLoader.Load(yaml, "test.yaml").Checks;
        var collector = new ResultCollector();
        var runner = new CheckRunner(new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System));

        await runner.RunAsync(checks, new RunOptions { MaxConcurrency = 5 }, collector).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Count, collector.Results.Count);
        Assert.All(collector.Results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.InRange(collector.MaxRunning, 1, 5);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Accepted == Count, Patience), $"accepted {peer.Accepted}");
    }

    private static string Tcp(int port, string extra = "") => $"""
        - type: tcp
          host: 127.0.0.1
          port: {port}
          {extra}

        """;
}
