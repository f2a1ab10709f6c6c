using ConnCheck.Checks;
using ConnCheck.Running;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

/// <summary>An interruption (a signal, SPEC C6) ends a run the way --max-timeout does, with its own reason and stage.</summary>
public sealed class CheckRunnerInterruptionTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly Probe _probe = new();
    private readonly List<string> _ran = [];
    private readonly Interruption _interruption = new();

    [Fact]
    public async Task RunAsync_Interrupted_KeepsFinishedResultsFailsRunningAndSkipsTheRest()
    {
        var done = TestCheck.Of(TestRunner.Ok("done:1", _ran), TestRunner.Fails("done:2", _ran, "refused"));
        var running = TestCheck.Of(TestRunner.Ok("running:1", _ran), TestRunner.UntilCancelled("running:2", _probe), TestRunner.Ok("running:3", _ran));

        var run = Start([done, running], new RunOptions { Interruption = _interruption });
        await Eventually.HoldsAsync(() => _probe.HasEntered("running:2") && _observer.Results.Count == 3, "running:2 is waiting and the rest is done");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(_interruption.Request("interrupted by SIGTERM"));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(
        [
            "done:1 Ok",
            "done:2 Failed: refused",
            "running:1 Ok",
            "running:2 Failed: interrupted by SIGTERM",
            "running:3 Skipped",
        ],
            _observer.Summary().Order(StringComparer.Ordinal));
        Assert.Equal(FailureStage.Interrupted, _observer.ResultOf("running:2").Stage);
        Assert.Equal(TimeSpan.FromSeconds(2), _observer.ResultOf("running:2").Duration);
        Assert.DoesNotContain("running:3", _ran);
    }

    [Fact]
    public async Task RunAsync_Interrupted_ChecksWaitingForASlotFailTheirFirstSubcheckAndSkipTheRest()
    {
        var holding = TestCheck.Of(TestRunner.UntilCancelled("holding:1", _probe));
        var waiting = TestCheck.Of(TestRunner.Ok("waiting:1", _ran), TestRunner.Ok("waiting:2", _ran));

        var run = Start([holding, waiting], new RunOptions { MaxConcurrency = 1, Interruption = _interruption });
        await Eventually.HoldsAsync(() => _probe.HasEntered("holding:1"), "the first check holds the only slot");
        _interruption.Request("interrupted by SIGINT");
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["holding:1 Failed: interrupted by SIGINT", "waiting:1 Failed: interrupted by SIGINT", "waiting:2 Skipped"], _observer.Summary());
        Assert.Equal(TimeSpan.Zero, _observer.ResultOf("waiting:1").Duration);
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task RunAsync_InterruptedBeforeItStarts_RunsNothingAndFailsEveryFirstSubcheck()
    {
        _interruption.Request("interrupted by SIGTERM");
        var check = TestCheck.Of(TestRunner.Ok("a:1", _ran), TestRunner.Ok("a:2", _ran));

        await Eventually.CompletesAsync(Start([check], new RunOptions { Interruption = _interruption }), "the run");

        Assert.Equal(["a:1 Failed: interrupted by SIGTERM", "a:2 Skipped"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_InterruptedBeforeTheMaximumTimeout_ReportsTheInterruption()
    {
        var check = TestCheck.Of(TestRunner.UntilCancelled("a:1", _probe));

        var run = Start([check], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(5), Interruption = _interruption });
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _interruption.Request("interrupted by SIGTERM");
        await Eventually.CompletesAsync(run, "the run");
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["a:1 Failed: interrupted by SIGTERM"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_MaximumTimeoutBeforeAnyInterruption_ReportsTheMaximumTimeout()
    {
        var check = TestCheck.Of(TestRunner.UntilCancelled("a:1", _probe));

        var run = Start([check], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(5), Interruption = _interruption });
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.CompletesAsync(run, "the run");
        _interruption.Request("interrupted by SIGTERM");

        Assert.Equal(["a:1 Failed: Maximum timeout reached (5 s)"], _observer.Summary());
        Assert.Equal(FailureStage.MaxTimeout, _observer.ResultOf("a:1").Stage);
    }

    [Fact]
    public async Task RunAsync_NeverInterrupted_ReportsEveryResultAsIs()
    {
        var check = TestCheck.Of(TestRunner.Ok("a:1", _ran), TestRunner.Fails("a:2", _ran, "nope"));

        await Eventually.CompletesAsync(Start([check], new RunOptions { Interruption = _interruption }), "the run");
        _interruption.Request("interrupted by SIGTERM");

        Assert.Equal(["a:1 Ok", "a:2 Failed: nope"], _observer.Summary());
    }

    [Fact]
    public void Request_Twice_KeepsTheFirstReason()
    {
        Assert.True(_interruption.Request("interrupted by SIGTERM"));
        Assert.False(_interruption.Request("interrupted by SIGINT"));

        Assert.Equal("interrupted by SIGTERM", _interruption.Reason);
        Assert.True(_interruption.Token.IsCancellationRequested);
    }

    private Task Start(IReadOnlyList<CheckDefinition> checks, RunOptions options) =>
        TestRunner.Create(_time).RunAsync(checks, options, _observer);
}
