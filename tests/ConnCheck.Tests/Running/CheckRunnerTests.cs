using ConnCheck.Checks;
using ConnCheck.Running;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

public sealed class CheckRunnerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly List<string> _ran = [];

    [Fact]
    public async Task RunAsync_SubchecksOfOneCheck_RunInOrderEachAfterThePreviousEnds()
    {
        var firstDone = false;
        var secondSawFirstDone = false;
        var check = TestCheck.Of(
            new Subcheck("a:1", null, async (_, _) =>
            {
                await Task.Yield();
                await Task.Yield();
                Volatile.Write(ref firstDone, true);
            }),
            new Subcheck("a:2", null, (_, _) =>
            {
                secondSawFirstDone = Volatile.Read(ref firstDone);
                return Task.CompletedTask;
            }),
            TestRunner.Ok("a:3", _ran));

        await RunAsync([check], new RunOptions());

        Assert.True(secondSawFirstDone);
        Assert.Equal(["a:1", "a:2", "a:3"], _observer.StartedNames);
        Assert.Equal(["a:1 Ok", "a:2 Ok", "a:3 Ok"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_SubcheckSucceeds_ReportsOkWithItsInfo()
    {
        await RunAsync([TestCheck.Of(TestRunner.Ok("tcp:db:5432", _ran))], new RunOptions());

        var result = _observer.ResultOf("tcp:db:5432");
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal("info of tcp:db:5432", result.Info);
        Assert.Null(result.Message);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task RunAsync_SubcheckFails_LaterOnesAreSkippedAndNotRun()
    {
        var check = TestCheck.Of(
            TestRunner.Ok("a:1", _ran),
            TestRunner.Fails("a:2", _ran, "Connection refused"),
            TestRunner.Ok("a:3", _ran),
            TestRunner.Ok("a:4", _ran));

        await RunAsync([check], new RunOptions());

        Assert.Equal(["a:1", "a:2"], _ran);
        Assert.Equal(["a:1 Ok", "a:2 Failed: Connection refused", "a:3 Skipped", "a:4 Skipped"], _observer.Summary());
        Assert.Equal(["a:1", "a:2"], _observer.StartedNames);
        var failure = _observer.ResultOf("a:2");
        Assert.Equal("info of a:2", failure.Info);
        Assert.IsType<CheckFailedException>(failure.Error);
        Assert.Equal("info of a:3", _observer.ResultOf("a:3").Info);
    }

    [Fact]
    public async Task RunAsync_SubcheckReturnsItsFailure_FailedAtItsStageAndLaterOnesSkipped()
    {
        var refused = new CheckFailedException(FailureStage.Connect, "Connection refused");
        var check = TestCheck.Of(
            new Subcheck("a:1", "info of a:1", (_, _) => Task.FromResult<CheckFailedException?>(refused)),
            TestRunner.Ok("a:2", _ran));

        await RunAsync([check], new RunOptions());

        Assert.Equal(["a:1 Failed: Connection refused", "a:2 Skipped"], _observer.Summary());
        Assert.Empty(_ran);
        var failure = _observer.ResultOf("a:1");
        Assert.Same(refused, failure.Error);
        Assert.Equal(FailureStage.Connect, failure.Stage);
        Assert.Equal("info of a:1", failure.Info);
    }

    [Fact]
    public async Task RunAsync_SubcheckReturnsItsFailureLater_Failed()
    {
        static async Task<CheckFailedException?> Later()
        {
            await Task.Yield();
            return new CheckFailedException(FailureStage.Protocol, "later");
        }

        var check = TestCheck.Of(new Subcheck("a:1", null, (_, _) => Later()));

        await RunAsync([check], new RunOptions());

        Assert.Equal(["a:1 Failed: later"], _observer.Summary());
        Assert.Equal(FailureStage.Protocol, _observer.ResultOf("a:1").Stage);
    }

    [Fact]
    public async Task RunAsync_SubcheckReturnsNoFailure_Ok()
    {
        var check = TestCheck.Of(
            new Subcheck("a:1", null, (_, _) => Task.FromResult<CheckFailedException?>(null)),
            TestRunner.Ok("a:2", _ran));

        await RunAsync([check], new RunOptions());

        Assert.Equal(["a:1 Ok", "a:2 Ok"], _observer.Summary());
        Assert.Null(_observer.ResultOf("a:1").Error);
    }

    [Fact]
    public async Task RunAsync_OneCheckFails_OtherChecksStillRun()
    {
        var failing = TestCheck.Of(TestRunner.Fails("a:1", _ran, "boom"), TestRunner.Ok("a:2", _ran));
        var passing = TestCheck.Of(TestRunner.Ok("b:1", _ran), TestRunner.Ok("b:2", _ran));

        await RunAsync([failing, passing], new RunOptions());

        Assert.Equal(["a:1 Failed: boom", "a:2 Skipped"], _observer.Summary().Where(s => s.StartsWith("a:", StringComparison.Ordinal)));
        Assert.Equal(["b:1 Ok", "b:2 Ok"], _observer.Summary().Where(s => s.StartsWith("b:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_SubcheckThrowsBeforeReturningATask_IsAFailureNotACrash()
    {
        var check = TestCheck.Of(
            new Subcheck("a:1", null, (_, _) => throw new InvalidOperationException("thrown synchronously\nsecond line")),
            TestRunner.Ok("a:2", _ran));

        await RunAsync([check], new RunOptions());

        Assert.Equal(["a:1 Failed: thrown synchronously", "a:2 Skipped"], _observer.Summary());
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task RunAsync_ResultDurations_AreMeasuredOnTheInjectedClock()
    {
        var probe = new Probe();
        var check = TestCheck.Of(TestRunner.Takes("a:1", TimeSpan.FromMilliseconds(1234), _time, probe));

        var run = Start([check], new RunOptions());
        await Eventually.HoldsAsync(() => probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromMilliseconds(1234));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(TimeSpan.FromMilliseconds(1234), _observer.ResultOf("a:1").Duration);
    }

    [Fact]
    public async Task RunAsync_Patterns_RunOnlyTheMatchingResults()
    {
        var composite = TestCheck.Of(TestRunner.Ok("redis:h:1:tcp:h:1", _ran), TestRunner.Ok("redis:h:1:connect", _ran));
        var tcp = TestCheck.Of(TestRunner.Ok("tcp:db:5432", _ran));

        await RunAsync([composite, tcp], new RunOptions(), new NamePattern(["*:connect", "tcp:db:*"]));

        Assert.Equal(["redis:h:1:connect", "tcp:db:5432"], _ran.Order(StringComparer.Ordinal));
        Assert.Equal(["redis:h:1:connect Ok", "tcp:db:5432 Ok"], _observer.Summary().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_CheckWhoseNamesMatchNoPattern_IsNotRunAtAll()
    {
        var started = false;
        var unmatched = TestCheck.Of(
            new Subcheck("udp:statsd:8125", null, (_, _) =>
            {
                started = true;
                return Task.CompletedTask;
            }),
            TestRunner.Ok("udp:statsd:8125:again", _ran));
        var matched = TestCheck.Of(TestRunner.Ok("tcp:db:5432", _ran));

        await RunAsync([unmatched, matched], new RunOptions(), new NamePattern(["tcp:*"]));

        Assert.False(started);
        Assert.Equal(["tcp:db:5432"], _ran);
        Assert.Equal(["tcp:db:5432"], _observer.StartedNames);
        Assert.Equal(["tcp:db:5432 Ok"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsEveryMatchingNameSkippedAndRunsNothing()
    {
        var checks = new[]
        {
            TestCheck.Of(TestRunner.Ok("tcp:db:5432", _ran), TestRunner.Ok("postgres:db:5432", _ran)),
            TestCheck.Of(TestRunner.Fails("udp:statsd:8125", _ran, "never")),
            TestCheck.Of(TestRunner.Ok("tls:www:443", _ran)),
        };

        await RunAsync(checks, new RunOptions { DryRun = true }, new NamePattern(["tcp:*", "postgres:*", "udp:*"]));

        Assert.Empty(_ran);
        Assert.Empty(_observer.StartedNames);
        Assert.Equal(["tcp:db:5432 Skipped", "postgres:db:5432 Skipped", "udp:statsd:8125 Skipped"], _observer.Summary());
        Assert.Equal(["info of tcp:db:5432", "info of postgres:db:5432", "info of udp:statsd:8125"], _observer.Results.Select(r => r.Info));
    }

    [Fact]
    public async Task RunAsync_NoChecks_ReportsNothing()
    {
        await RunAsync([], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(1) });

        Assert.Empty(_observer.Results);
    }

    [Fact]
    public async Task RunAsync_AllDoneBeforeTheMaximumTimeout_ReportsEveryResultAsIs()
    {
        var check = TestCheck.Of(TestRunner.Ok("a:1", _ran), TestRunner.Fails("a:2", _ran, "nope"));

        await RunAsync([check], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(5) });
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["a:1 Ok", "a:2 Failed: nope"], _observer.Summary());
    }

    private Task RunAsync(IReadOnlyList<CheckDefinition> checks, RunOptions options, NamePattern? pattern = null) =>
        Eventually.CompletesAsync(Start(checks, options, pattern), "the run");

    private Task Start(IReadOnlyList<CheckDefinition> checks, RunOptions options, NamePattern? pattern = null) =>
        TestRunner.Create(_time).RunAsync(new Selection(TagFilter.None, pattern ?? NamePattern.All).Apply(checks), options, _observer);
}
