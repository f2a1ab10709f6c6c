using ConnCheck.Checks;
using ConnCheck.Running;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

/// <summary>
/// --wait on a fake clock. The clock moves on in small steps while the wait runs, as time passes for a
/// real one (so a bound is asserted give or take <see cref="Slack"/>); no jitter (a fixed draw of 0), so pauses of 1, 1.5, 2.25, 3.375 and then 5 s.
/// </summary>
public sealed class WaitLoopTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    // How far the clock may run on while a round runs or the wait unwinds on a loaded machine (12 steps
    // were seen in a clean-clone CI run): still short of the shortest pause, 1 s, so an extra pause shows.
    private static readonly TimeSpan Slack = 16 * Step;

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly Probe _probe = new();
    private readonly List<string> _ran = [];
    private readonly List<WaitProgress> _progress = [];

    [Fact]
    public async Task RunAsync_ACheckPassesOnItsThirdRound_RerunsOnlyItAndReportsTheLastResultsInFileOrder()
    {
        var flaky = TestCheck.Of(TestRunner.Ok("flaky:1", _ran), FailsUntil("flaky:2", 3, "refused"));
        var steady = TestCheck.Of(TestRunner.Ok("steady:1", _ran));

        var elapsed = await RunAsync([steady, flaky], new RunOptions(), Wait(10));

        Assert.Equal(["steady:1 Ok", "flaky:1 Ok", "flaky:2 Ok"], _observer.Summary());
        Assert.Equal(1, _ran.Count(n => n == "steady:1"));
        Assert.Equal(3, _ran.Count(n => n == "flaky:1"));
        Assert.Equal(3, _ran.Count(n => n == "flaky:2"));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2.5) + Slack);
        Assert.Equal(7, _observer.StartedNames.Count); // -v shows every rerun as it starts
    }

    [Fact]
    public async Task RunAsync_AllPassAtOnce_RunsOnceWithoutProgress()
    {
        var elapsed = await RunAsync([TestCheck.Of(TestRunner.Ok("a:1", _ran))], new RunOptions(), Wait(10));

        Assert.Equal(["a:1 Ok"], _observer.Summary());
        Assert.Equal(["a:1"], _ran);
        Assert.Empty(_progress);
        Assert.True(elapsed <= Slack, $"{elapsed}");
    }

    [Fact]
    public async Task RunAsync_NeverPasses_EndsAtTheBoundWithTheLastFailure()
    {
        var elapsed = await RunAsync([TestCheck.Of(TestRunner.Fails("down:1", _ran, "refused"))], new RunOptions(), Wait(3));

        Assert.Equal(["down:1 Failed: refused"], _observer.Summary());
        Assert.Equal(3, _ran.Count); // at 0, 1 and 2.5 s; the next pause would end after the bound
        Assert.InRange(elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) + Slack);
    }

    [Fact]
    public async Task RunAsync_BoundReachedDuringARerun_ReportsTheUnfinishedCheckAsGivenUpWithItsFailureBefore()
    {
        var rounds = 0;
        var hangsSecondTime = new Subcheck("slow:1", null, async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref rounds) == 1)
            {
                throw new CheckFailedException(FailureStage.Connect, "refused");
            }

            _probe.Enter("slow:1");
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        });

        var elapsed = await RunAsync([TestCheck.Of(hangsSecondTime, TestRunner.Ok("slow:2", _ran))], new RunOptions(), Wait(2.5));

        Assert.Equal(["slow:1 Failed: gave up waiting after 2.5 s (last failure: refused)", "slow:2 Skipped"], _observer.Summary());
        Assert.Equal(FailureStage.MaxTimeout, _observer.ResultOf("slow:1").Stage);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2.5) + Slack);
    }

    [Fact]
    public async Task RunAsync_MaxTimeoutSmallerThanTheWait_BoundsTheWholeWaitInItsOwnWords()
    {
        var elapsed = await RunAsync([TestCheck.Of(TestRunner.UntilCancelled("hang:1", _probe))], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(2) }, Wait(30));

        Assert.Equal(["hang:1 Failed: Maximum timeout reached (2 s)"], _observer.Summary());
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + Slack);
    }

    [Fact]
    public async Task RunAsync_WaitSmallerThanMaxTimeout_TheWaitBounds()
    {
        var elapsed = await RunAsync([TestCheck.Of(TestRunner.UntilCancelled("hang:1", _probe))], new RunOptions { MaxTimeout = TimeSpan.FromSeconds(30) }, Wait(2));

        Assert.Equal(["hang:1 Failed: gave up waiting after 2 s"], _observer.Summary());
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + Slack);
    }

    [Fact]
    public async Task RunAsync_InterruptedDuringAPause_EndsAtOnceWithTheLastFailures()
    {
        var interruption = new Interruption();
        var run = Start([TestCheck.Of(TestRunner.Fails("down:1", _ran, "refused"))], new RunOptions { Interruption = interruption }, Wait(30));
        await Eventually.HoldsAsync(() => Progress().Count == 1, "the first pause began");

        interruption.Request("interrupted by SIGTERM");
        await Eventually.CompletesAsync(run, "the wait");

        Assert.Equal(["down:1 Failed: refused"], _observer.Summary());
        Assert.Single(_ran);
    }

    [Fact]
    public async Task RunAsync_InterruptedDuringARound_ReportsTheUnfinishedChecksInterrupted()
    {
        var interruption = new Interruption();
        var run = Start([TestCheck.Of(TestRunner.UntilCancelled("hang:1", _probe))], new RunOptions { Interruption = interruption }, Wait(30));
        await Eventually.HoldsAsync(() => _probe.HasEntered("hang:1"), "the check is running");

        interruption.Request("interrupted by SIGTERM");
        await Eventually.CompletesAsync(run, "the wait");

        Assert.Equal(["hang:1 Failed: interrupted by SIGTERM"], _observer.Summary());
        Assert.Equal(FailureStage.Interrupted, _observer.ResultOf("hang:1").Stage);
    }

    [Fact]
    public async Task RunAsync_RoundsThatFail_ReportHowManyFailWhichAndWhy()
    {
        var checks = new[]
        {
            TestCheck.Of(TestRunner.Ok("ok:1", _ran)),
            TestCheck.Of(TestRunner.Ok("b:1", _ran), FailsUntil("b:2", 2, "refused")),
            TestCheck.Of(FailsUntil("c:1", 3, "timed out")),
        };

        await RunAsync(checks, new RunOptions(), Wait(10));

        var progress = Progress();
        Assert.Equal(2, progress.Count);
        Assert.Equal((2, 3, "refused", TimeSpan.FromSeconds(1)), (progress[0].Failing, progress[0].Checks, progress[0].Reason, progress[0].NextRound));
        Assert.Equal(["b:2", "c:1"], progress[0].FailingNames);
        Assert.InRange(progress[0].Left, TimeSpan.FromSeconds(10) - Slack, TimeSpan.FromSeconds(10));
        Assert.Equal((1, "timed out", TimeSpan.FromSeconds(1.5)), (progress[1].Failing, progress[1].Reason, progress[1].NextRound));
        Assert.Equal(["c:1"], progress[1].FailingNames);
    }

    [Fact]
    public async Task RunAsync_Jitter_ShortensThePausesByTheDrawnShare()
    {
        var wait = Wait(10) with { Random = new FixedRandom(0.5) };

        await RunAsync([TestCheck.Of(FailsUntil("a:1", 3, "refused"))], new RunOptions(), wait);

        Assert.Equal([TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.35)], Progress().Select(p => p.NextRound));
    }

    private static WaitOptions Wait(double seconds) => new(TimeSpan.FromSeconds(seconds)) { Random = new FixedRandom(0) };

    private IReadOnlyList<WaitProgress> Progress()
    {
        lock (_progress)
        {
            return [.. _progress];
        }
    }

    // Fails its first (times - 1) runs, then succeeds.
    private Subcheck FailsUntil(string name, int times, string message)
    {
        var runs = 0;
        return new Subcheck(name, null, async (_, _) =>
        {
            lock (_ran)
            {
                _ran.Add(name);
            }

            await Task.Yield();
            if (Interlocked.Increment(ref runs) < times)
            {
                throw new CheckFailedException(FailureStage.Connect, message);
            }
        });
    }

    private Task Start(IReadOnlyList<CheckDefinition> checks, RunOptions options, WaitOptions wait) =>
        new WaitLoop(TestRunner.Create(_time), _time).RunAsync(
            Selection.All.Apply(checks), options, wait, _observer, new Recorder(_progress), CancellationToken.None);

    // Runs the wait while the clock moves on by a step at a time; returns how much fake time it took.
    private async Task<TimeSpan> RunAsync(IReadOnlyList<CheckDefinition> checks, RunOptions options, WaitOptions wait)
    {
        var started = _time.GetUtcNow();
        var run = Start(checks, options, wait);
        var guard = 0;
        while (!run.IsCompleted && guard++ < 10_000)
        {
            await Task.Delay(1);
            if (!run.IsCompleted)
            {
                _time.Advance(Step);
            }
        }

        await Eventually.CompletesAsync(run, "the wait");
        return _time.GetUtcNow() - started;
    }

    private sealed class Recorder(List<WaitProgress> progress) : IProgress<WaitProgress>
    {
        public void Report(WaitProgress value)
        {
            lock (progress)
            {
                progress.Add(value);
            }
        }
    }
}
