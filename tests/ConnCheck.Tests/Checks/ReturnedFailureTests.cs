using ConnCheck.Checks;

namespace ConnCheck.Tests.Checks;

public sealed class ReturnedFailureTests
{
    private static readonly CheckFailedException Refused = new(FailureStage.Connect, "Connection refused");

    [Fact]
    public async Task AsSubcheckTask_FailureReturned_FaultedWithThatFailure()
    {
        var task = ReturnedFailure.AsSubcheckTask(Task.FromResult<CheckFailedException?>(Refused));

        Assert.True(task.IsFaulted);
        Assert.Same(Refused, await Assert.ThrowsAsync<CheckFailedException>(() => task));
    }

    [Fact]
    public async Task AsSubcheckTask_NothingReturned_Completed()
    {
        var task = ReturnedFailure.AsSubcheckTask(Task.FromResult<CheckFailedException?>(null));

        Assert.True(task.IsCompletedSuccessfully);
        await task;
    }

    [Fact]
    public async Task AsSubcheckTask_FailureReturnedLater_FaultedWithThatFailure()
    {
        var step = new TaskCompletionSource<CheckFailedException?>(TaskCreationOptions.RunContinuationsAsynchronously);

        var task = ReturnedFailure.AsSubcheckTask(step.Task);
        Assert.False(task.IsCompleted);
        step.SetResult(Refused);

        Assert.Same(Refused, await Assert.ThrowsAsync<CheckFailedException>(() => task));
    }

    [Fact]
    public async Task AsSubcheckTask_NothingReturnedLater_Completed()
    {
        var step = new TaskCompletionSource<CheckFailedException?>(TaskCreationOptions.RunContinuationsAsynchronously);

        var task = ReturnedFailure.AsSubcheckTask(step.Task);
        step.SetResult(null);

        await task;
        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AsSubcheckTask_StepCancelledLater_Cancelled()
    {
        var step = new TaskCompletionSource<CheckFailedException?>(TaskCreationOptions.RunContinuationsAsynchronously);

        var task = ReturnedFailure.AsSubcheckTask(step.Task);
        step.SetCanceled();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task AsSubcheckTask_StepThrew_FaultedWithWhatItThrew()
    {
        var thrown = new InvalidOperationException("a bug");

        var task = ReturnedFailure.AsSubcheckTask(Task.FromException<CheckFailedException?>(thrown));

        Assert.Same(thrown, await Assert.ThrowsAsync<InvalidOperationException>(() => task));
    }
}
