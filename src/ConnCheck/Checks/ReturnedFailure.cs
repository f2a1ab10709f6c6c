namespace ConnCheck.Checks;

/// <summary>
/// A subcheck's task for a step that returns its failure instead of throwing it: faulted with that
/// failure, or completed. A throw, and its rethrow by every await above it, costs more than a refused
/// connect, and a run of many closed ports is mostly those.
/// </summary>
internal static class ReturnedFailure
{
    public static Task AsSubcheckTask(Task<CheckFailedException?> step) =>
        step.IsCompletedSuccessfully
            ? Settled(step.Result)
            : step.ContinueWith(static s => s.IsCompletedSuccessfully ? Settled(s.Result) : s, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();

    private static Task Settled(CheckFailedException? failure) => failure is null ? Task.CompletedTask : Task.FromException(failure);
}
