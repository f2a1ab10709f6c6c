using ConnCheck.Checks;
using ConnCheck.Running;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

public sealed class CheckRunnerTimeoutTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly Probe _probe = new();
    private readonly List<string> _ran = [];

    [Theory]
    [InlineData(500, "0.5")]
    [InlineData(2000, "2")]
    [InlineData(1250, "1.25")]
    public async Task RunAsync_CheckTimeout_FailsTheSubcheckInProgressAndSkipsTheRest(int timeoutMs, string shown)
    {
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        var check = TestCheck.With(timeout, [],
            TestRunner.Ok("a:1", _ran),
            TestRunner.UntilCancelled("a:2", _probe),
            TestRunner.Ok("a:3", _ran),
            TestRunner.Ok("a:4", _ran));

        var run = Start([check], new RunOptions());
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:2"), "a:2 is waiting");
        _time.Advance(timeout - TimeSpan.FromTicks(1));
        Assert.Empty(_probe.Exited);
        _time.Advance(TimeSpan.FromTicks(1));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["a:1 Ok", $"a:2 Failed: timed out after {shown} s", "a:3 Skipped", "a:4 Skipped"], _observer.Summary());
        Assert.Equal(["a:1"], _ran);
        Assert.Equal(timeout, _observer.ResultOf("a:2").Duration);
    }

    [Fact]
    public async Task RunAsync_NoTimeoutInTheCheck_UsesTheDefaultTimeout()
    {
        var check = TestCheck.Of(TestRunner.UntilCancelled("a:1", _probe));

        var run = Start([check], new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(3) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Empty(_probe.Exited);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["a:1 Failed: timed out after 3 s"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_CheckTimeout_OverridesTheDefaultTimeout()
    {
        var check = TestCheck.With(TimeSpan.FromSeconds(20), [], TestRunner.UntilCancelled("a:1", _probe));

        var run = Start([check], new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(3) });
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(_probe.Exited);
        _time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["a:1 Failed: timed out after 20 s"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_TimeoutBoundsAllSubchecksTogether_SecondOfTwoSlowSubchecksTimesOut()
    {
        var check = TestCheck.With(TimeSpan.FromSeconds(1), [],
            TestRunner.Takes("a:1", TimeSpan.FromSeconds(0.6), _time, _probe),
            TestRunner.Takes("a:2", TimeSpan.FromSeconds(0.6), _time, _probe),
            TestRunner.Ok("a:3", _ran));

        var run = Start([check], new RunOptions());
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(0.6));
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:2"), "a:2 is waiting");
        _time.Advance(TimeSpan.FromSeconds(0.4));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["a:1 Ok", "a:2 Failed: timed out after 1 s", "a:3 Skipped"], _observer.Summary());
        Assert.Equal(TimeSpan.FromSeconds(0.6), _observer.ResultOf("a:1").Duration);
        Assert.Equal(TimeSpan.FromSeconds(0.4), _observer.ResultOf("a:2").Duration);
        Assert.Empty(_ran);
    }

    [Fact]
    public async Task RunAsync_SubcheckIgnoringItsToken_StillEndsAtTheTimeout()
    {
        var never = new TaskCompletionSource();
        var check = TestCheck.With(TimeSpan.FromSeconds(0.5), [], TestRunner.IgnoresToken("a:1", _probe, never.Task), TestRunner.Ok("a:2", _ran));

        var run = Start([check], new RunOptions());
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["a:1 Failed: timed out after 0.5 s", "a:2 Skipped"], _observer.Summary());
        Assert.Empty(_probe.Exited);
        never.SetResult();
    }

    [Fact]
    public async Task RunAsync_TimeoutOfOneCheck_DoesNotTouchAnother()
    {
        var slow = TestCheck.With(TimeSpan.FromSeconds(1), [], TestRunner.UntilCancelled("slow:1", _probe));
        var patient = TestCheck.With(TimeSpan.FromSeconds(5), [], TestRunner.Takes("patient:1", TimeSpan.FromSeconds(2), _time, _probe));

        var run = Start([slow, patient], new RunOptions());
        await Eventually.HoldsAsync(() => _probe.HasEntered("slow:1") && _probe.HasEntered("patient:1"), "both checks are waiting");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => _observer.Results.Count == 1, "the slow check has timed out");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["slow:1 Failed: timed out after 1 s", "patient:1 Ok"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_CheckWaitingForASlot_StartsItsTimeoutOnlyWhenItStarts()
    {
        var first = TestCheck.With(TimeSpan.FromSeconds(10), [], TestRunner.Takes("first:1", TimeSpan.FromSeconds(4), _time, _probe));
        var second = TestCheck.With(TimeSpan.FromSeconds(3), [], TestRunner.Takes("second:1", TimeSpan.FromSeconds(2), _time, _probe));

        var run = Start([first, second], new RunOptions { MaxConcurrency = 1 });
        await Eventually.HoldsAsync(() => _probe.Entered.Count == 1, "one check is running");

        // Two steps: past the waiting check's 3 s first, so a clock started too early fires on its own.
        _time.Advance(TimeSpan.FromSeconds(3.5));
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await Eventually.HoldsAsync(() => _probe.Entered.Count == 2, "the other check is running");
        _time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.CompletesAsync(run, "the run");

        Assert.All(_observer.Results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(2, _observer.Results.Count);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_TheSubcheckInProgressFailsAsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var check = TestCheck.Of(TestRunner.UntilCancelled("a:1", _probe), TestRunner.Ok("a:2", _ran));

        var run = TestRunner.Create(_time).RunAsync([check], new RunOptions(), _observer, cancellation.Token);
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        await cancellation.CancelAsync();
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(["a:1 Failed: cancelled", "a:2 Skipped"], _observer.Summary());
    }

    [Fact]
    public async Task RunAsync_DriverGivesUpPastTheDeadlineBeforeTheTimerFires_TimedOutAtTheStageReached()
    {
        // The clock passes the deadline while the timer's callback has not run yet, as on a loaded machine.
        var timers = new FakeTimeProvider();
        var clock = new LateTimers(_time, timers);
        var check = TestCheck.With(TimeSpan.FromSeconds(1), [], new Subcheck("a:1", null, (context, _) =>
        {
            context.Progress.ResolveStarted();
            _time.Advance(TimeSpan.FromSeconds(1.5));
            throw new CheckFailedException(FailureStage.Protocol, "the driver's own clock gave up");
        }));

        await Eventually.CompletesAsync(TestRunner.Create(clock).RunAsync([check], new RunOptions(), _observer), "the run");

        var result = _observer.ResultOf("a:1");
        Assert.Equal("timed out after 1 s", result.Message);
        Assert.Equal(FailureStage.Resolve, result.Stage);
    }

    [Fact]
    public async Task RunAsync_SubcheckFailsJustBeforeTheDeadline_ItsOwnFailure()
    {
        var check = TestCheck.With(TimeSpan.FromSeconds(1), [], new Subcheck("a:1", null, (_, _) =>
        {
            _time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
            throw new CheckFailedException(FailureStage.Auth, "wrong password");
        }));

        await Start([check], new RunOptions());

        Assert.Equal(["a:1 Failed: wrong password"], _observer.Summary());
        Assert.Equal(FailureStage.Auth, _observer.ResultOf("a:1").Stage);
    }

    private Task Start(IReadOnlyList<CheckDefinition> checks, RunOptions options) =>
        TestRunner.Create(_time).RunAsync(checks, options, _observer);

    /// <summary>The time of <paramref name="clock"/>, with timers that fire only when <paramref name="timers"/> is advanced.</summary>
    private sealed class LateTimers(FakeTimeProvider clock, FakeTimeProvider timers) : TimeProvider
    {
        public override long TimestampFrequency => clock.TimestampFrequency;

        public override long GetTimestamp() => clock.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            timers.CreateTimer(callback, state, dueTime, period);
    }
}
