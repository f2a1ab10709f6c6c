using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

/// <summary>The stage the runner itself gives a failure: the timeouts, and the check's own classification otherwise.</summary>
public sealed class CheckRunnerStageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly Probe _probe = new();

    [Fact]
    public async Task RunAsync_TimeoutDuringAConnect_ConnectTimeout()
    {
        await TimeOutAsync(new Subcheck("tcp:a:1", null, (context, cancellationToken) =>
        {
            context.Progress.ConnectStarted();
            return TestRunner.UntilCancelled("tcp:a:1", _probe).Run(context, cancellationToken);
        }));

        Assert.Equal(FailureStage.ConnectTimeout, _observer.ResultOf("tcp:a:1").Stage);
    }

    [Fact]
    public async Task RunAsync_TimeoutAfterTheConnect_Timeout()
    {
        await TimeOutAsync(new Subcheck("tcp:a:1", null, (context, cancellationToken) =>
        {
            context.Progress.ConnectStarted();
            context.Progress.ConnectEnded();
            return TestRunner.UntilCancelled("tcp:a:1", _probe).Run(context, cancellationToken);
        }));

        Assert.Equal(FailureStage.Timeout, _observer.ResultOf("tcp:a:1").Stage);
    }

    [Fact]
    public async Task RunAsync_ConnectOfAnEarlierCheckStillOpen_DoesNotReachAnotherCheck()
    {
        // Progress is per check: one check's unfinished connect says nothing about another's timeout.
        var connecting = TestCheck.With(TimeSpan.FromSeconds(10), [], new Subcheck("tcp:b:1", null, (context, cancellationToken) =>
        {
            context.Progress.ConnectStarted();
            return TestRunner.UntilCancelled("tcp:b:1", _probe).Run(context, cancellationToken);
        }));
        var stalled = TestCheck.With(Timeout, [], TestRunner.UntilCancelled("tcp:a:1", _probe));

        var run = TestRunner.Create(_time).RunAsync([connecting, stalled], new RunOptions(), _observer);
        await Eventually.HoldsAsync(() => _probe.HasEntered("tcp:a:1") && _probe.HasEntered("tcp:b:1"), "both are waiting");
        _time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(FailureStage.Timeout, _observer.ResultOf("tcp:a:1").Stage);
        Assert.Equal(FailureStage.ConnectTimeout, _observer.ResultOf("tcp:b:1").Stage);
    }

    [Fact]
    public async Task RunAsync_TimeoutWithTheSubchecksOwnAccount_ItsStageAndMessage()
    {
        var run = TestRunner.Create(_time).RunAsync([TestCheck.With(Timeout, [], new Subcheck("db:a:1", null, (context, cancellationToken) =>
        {
            context.Progress.DescribeTimeout(() => (FailureStage.Timeout, "timed out waiting for the server to answer the handshake"));
            return TestRunner.UntilCancelled("db:a:1", _probe).Run(context, cancellationToken);
        }))], new RunOptions(), _observer);
        await Eventually.HoldsAsync(() => _probe.HasEntered("db:a:1"), "db:a:1 is waiting");
        _time.Advance(Timeout);
        await Eventually.CompletesAsync(run, "the run");

        var result = _observer.ResultOf("db:a:1");
        Assert.Equal("timed out waiting for the server to answer the handshake", result.Message);
        StageAssert.Failed(FailureStage.Timeout, result);
    }

    [Fact]
    public async Task RunAsync_OwnAccountSaysNothing_TheRunnersWords()
    {
        await TimeOutAsync(new Subcheck("db:a:1", null, (context, cancellationToken) =>
        {
            context.Progress.DescribeTimeout(() => null);
            context.Progress.ConnectStarted();
            return TestRunner.UntilCancelled("db:a:1", _probe).Run(context, cancellationToken);
        }));

        Assert.Equal(FailureStage.ConnectTimeout, _observer.ResultOf("db:a:1").Stage);
    }

    [Fact]
    public async Task RunAsync_OwnAccountOfAnEarlierSubcheck_NotTheNextOnes()
    {
        var describes = new Subcheck("db:a:1", null, (context, _) =>
        {
            context.Progress.DescribeTimeout(() => (FailureStage.Auth, "timed out waiting for the login"));
            return Task.CompletedTask;
        });
        var check = TestCheck.With(Timeout, [], describes, TestRunner.UntilCancelled("db:a:2", _probe));

        var run = TestRunner.Create(_time).RunAsync([check], new RunOptions(), _observer);
        await Eventually.HoldsAsync(() => _probe.HasEntered("db:a:2"), "db:a:2 is waiting");
        _time.Advance(Timeout);
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(ResultStatus.Ok, _observer.ResultOf("db:a:1").Status);
        Assert.Equal("timed out after 2 s", _observer.ResultOf("db:a:2").Message);
        Assert.Equal(FailureStage.Timeout, _observer.ResultOf("db:a:2").Stage);
    }

    [Fact]
    public async Task RunAsync_MaxTimeout_MaxTimeoutForTheSubcheckInProgressOnly()
    {
        var check = TestCheck.Of(TestRunner.UntilCancelled("a:1", _probe), TestRunner.Ok("a:2", []));

        var run = TestRunner.Create(_time).RunAsync([check], new RunOptions { MaxTimeout = Timeout }, _observer);
        await Eventually.HoldsAsync(() => _probe.HasEntered("a:1"), "a:1 is waiting");
        _time.Advance(Timeout);
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(FailureStage.MaxTimeout, _observer.ResultOf("a:1").Stage);
        Assert.Null(_observer.ResultOf("a:2").Stage);
    }

    [Theory]
    [InlineData("Auth")]
    [InlineData("Resolve")]
    [InlineData("Protocol")]
    public async Task RunAsync_CheckFailedException_KeepsTheChecksOwnStage(string name)
    {
        var stage = Enum.Parse<FailureStage>(name);
        var check = TestCheck.Of(new Subcheck("a:1", null, (_, _) => throw new CheckFailedException(stage, "no")));

        await Eventually.CompletesAsync(TestRunner.Create(_time).RunAsync([check], new RunOptions(), _observer), "the run");

        Assert.Equal(stage, _observer.ResultOf("a:1").Stage);
    }

    [Fact]
    public async Task RunAsync_Results_CarryTheirSubjectInFileOrder()
    {
        var first = TestCheck.Of(TestRunner.Ok("a:1", []), TestRunner.Ok("a:2", []));
        var second = TestCheck.With(Timeout, ["db"], TestRunner.Ok("b:1", []));

        await Eventually.CompletesAsync(TestRunner.Create(_time).RunAsync([first, second], new RunOptions(), _observer), "the run");

        Assert.Equal([0, 1, 2], new[] { "a:1", "a:2", "b:1" }.Select(n => _observer.ResultOf(n).Subject!.Sequence));
        var subject = _observer.ResultOf("b:1").Subject!;
        Assert.Equal(("test", Timeout, 1), (subject.Type, subject.Timeout, subject.Line));
        Assert.Equal(["db"], subject.Tags);
        Assert.Equal(TimeSpan.FromSeconds(10), _observer.ResultOf("a:1").Subject!.Timeout);
    }

    private async Task TimeOutAsync(Subcheck subcheck)
    {
        var run = TestRunner.Create(_time).RunAsync([TestCheck.With(Timeout, [], subcheck)], new RunOptions(), _observer);
        await Eventually.HoldsAsync(() => _probe.HasEntered(subcheck.Name), $"{subcheck.Name} is waiting");
        _time.Advance(Timeout);
        await Eventually.CompletesAsync(run, "the run");
        Assert.Equal("timed out after 2 s", _observer.ResultOf(subcheck.Name).Message);
    }
}
