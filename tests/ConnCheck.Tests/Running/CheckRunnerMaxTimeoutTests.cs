using ConnCheck.Checks;
using ConnCheck.Running;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

public sealed class CheckRunnerMaxTimeoutTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly Probe _probe = new();
    private readonly List<string> _ran = [];

    [Fact]
    public async Task RunAsync_MaxTimeoutReached_KeepsFinishedResultsFailsRunningAndSkipsTheRest()
    {
        var done = TestCheck.Of(TestRunner.Ok("done:1", _ran), TestRunner.Fails("done:2", _ran, "refused"));
        var running = TestCheck.Of(
            TestRunner.Ok("running:1", _ran),
            TestRunner.UntilCancelled("running:2", _probe),
            TestRunner.Ok("running:3", _ran),
            TestRunner.Ok("running:4", _ran));

        var run = Start([done, running], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(5) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("running:2") && _observer.Results.Count == 3, "running:2 is waiting and the rest is done");
        _time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(
        [
            "done:1 Ok",
            "done:2 Failed: refused",
            "running:1 Ok",
            "running:2 Failed: Maximum timeout reached (5 s)",
            "running:3 Skipped",
            "running:4 Skipped",
        ],
            _observer.Summary().Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(5), _observer.ResultOf("running:2").Duration);
    }

    [Fact]
    public async Task RunAsync_MaxTimeoutReached_ChecksWaitingForASlotFailTheirFirstSubcheckAndSkipTheRest()
    {
        var holding = TestCheck.Of(TestRunner.UntilCancelled("holding:1", _probe));
        var waiting = TestCheck.Of(TestRunner.Ok("waiting:1", _ran), TestRunner.Ok("waiting:2", _ran), TestRunner.Ok("waiting:3", _ran));
        var alsoWaiting = TestCheck.Of(TestRunner.Ok("also:1", _ran));

        var run = Start([holding, waiting, alsoWaiting], new RunOptions { MaxConcurrency = 1, MaxTimeout = TimeSpan.FromSeconds(2.5) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("holding:1"), "the first check holds the only slot");
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(
        [
            "holding:1 Failed: Maximum timeout reached (2.5 s)",
            "waiting:1 Failed: Maximum timeout reached (2.5 s)",
            "waiting:2 Skipped",
            "waiting:3 Skipped",
            "also:1 Failed: Maximum timeout reached (2.5 s)",
        ],
            _observer.Summary());
        Assert.Equal(TimeSpan.Zero, _observer.ResultOf("waiting:1").Duration);
        Assert.Equal(["holding:1"], _observer.StartedNames);
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task RunAsync_MaxTimeoutReached_ReturnsPromptlyEvenIfASubcheckIgnoresCancellation()
    {
        var never = new TaskCompletionSource();
        var stubborn = TestCheck.Of(TestRunner.IgnoresToken("stubborn:1", _probe, never.Task), TestRunner.Ok("stubborn:2", _ran));

        var run = Start([stubborn], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(1) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("stubborn:1"), "stubborn:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["stubborn:1 Failed: Maximum timeout reached (1 s)", "stubborn:2 Skipped"], _observer.Summary());
        Assert.Empty(_probe.Exited);
        never.SetResult();
    }

    [Fact]
    public async Task RunAsync_MaxTimeoutReached_NothingIsReportedAfterTheSeal()
    {
        // A subcheck that, once cancelled, succeeds anyway: its result and everything after it must be dropped.
        var late = new Subcheck("late:1", null, async (_, cancellationToken) =>
        {
            _probe.Enter("late:1");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _probe.Exit("late:1");
            }
        });
        var afterSeal = new Subcheck("late:2", null, (_, _) =>
        {
            _probe.Enter("late:2");
            return Task.CompletedTask;
        });
        var stubbornRelease = new TaskCompletionSource();
        var checks = new[]
        {
            TestCheck.Of(late, afterSeal),
            TestCheck.Of(TestRunner.IgnoresToken("stubborn:1", _probe, stubbornRelease.Task), TestRunner.Ok("stubborn:2", _ran)),
        };

        var run = Start(checks, new RunOptions { MaxTimeout = TimeSpan.FromSeconds(3) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("late:1") && _probe.HasEntered("stubborn:1"), "both checks are waiting");
        _time.Advance(TimeSpan.FromSeconds(3));
        await Eventually.CompletesAsync(run, "the run");
        var atSeal = _observer.Summary();

        // Let everything that was still going come to its end, on its own and through the check timeout.
        stubbornRelease.SetResult();
        await Eventually.HoldsAsync(() => _probe.HasExited("late:1") && _probe.HasExited("stubborn:1"), "the cancelled subchecks have returned");
        _time.Advance(TimeSpan.FromSeconds(30));

        // The runner exposes no signal for "a dropped report was dropped"; a short real pause lets any
        // continuation still queued run, so a broken seal would show up below.
        await Task.Delay(50);

        Assert.Equal(
        [
            "late:1 Failed: Maximum timeout reached (3 s)",
            "late:2 Skipped",
            "stubborn:1 Failed: Maximum timeout reached (3 s)",
            "stubborn:2 Skipped",
        ],
            atSeal.Order(StringComparer.Ordinal));
        Assert.Equal(atSeal, _observer.Summary());
        Assert.False(_probe.HasEntered("late:2"));
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task RunAsync_MaxTimeoutNotReached_DoesNotReportItsMessage()
    {
        var check = TestCheck.Of(TestRunner.Takes("a:1", TimeSpan.FromSeconds(1), _time, _probe));

        var run = Start([check], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(2) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.CompletesAsync(run, "the run");
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["a:1 Ok"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_CheckTimeoutShorterThanMaxTimeout_ReportsTheCheckTimeout()
    {
        var check = TestCheck.With(TimeSpan.FromSeconds(1), [], TestRunner.UntilCancelled("a:1", _probe));

        var run = Start([check], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(2) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["a:1 Failed: timed out after 1 s"], _observer.Summary());
    }

    private Task Start(IReadOnlyList<CheckDefinition> checks, RunOptions options) =>
        TestRunner.Create(_time).RunAsync(checks, options, _observer);
}
