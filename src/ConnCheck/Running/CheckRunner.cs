using System.Globalization;
using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>
/// Runs checks concurrently (at most <see cref="RunOptions.MaxConcurrency"/> at once) and the
/// subchecks of each check in sequence, skipping the rest of a check after a failure. A check's
/// timeout bounds all its subchecks together; --max-timeout bounds the run.
/// </summary>
internal sealed class CheckRunner(CheckContext context)
{
    /// <summary>Runs <paramref name="checks"/> and reports every result to <paramref name="observer"/>.</summary>
    /// <returns>When every check has ended, or as soon as the maximum timeout is reached.</returns>
    public async Task RunAsync(IReadOnlyList<CheckDefinition> checks, RunOptions options, IResultObserver observer, CancellationToken cancellationToken = default)
    {
        var executions = new List<CheckExecution>(checks.Count);
        foreach (var check in checks)
        {
            var subchecks = check.Plan().Where(s => options.Pattern.Matches(s.Name)).ToArray();
            if (subchecks.Length > 0)
            {
                executions.Add(new CheckExecution(check, subchecks, observer, context.Time));
            }
        }

        if (options.DryRun)
        {
            foreach (var subcheck in executions.SelectMany(e => e.Subchecks))
            {
                observer.Completed(CheckResult.Skipped(subcheck.Name, subcheck.Info));
            }

            return;
        }

        // Neither is disposed while a check may still use it: after --max-timeout, checks unwind in the background.
        var runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slots = new SemaphoreSlim(options.MaxConcurrency);
        var all = Task.WhenAll(executions.Select(e => RunCheckAsync(e, options.DefaultTimeout, slots, runCancellation.Token)));
        if (options.MaxTimeout is not { } maxTimeout)
        {
            await all;
            runCancellation.Dispose();
            return;
        }

        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(maxTimeout, context.Time, stopDelay.Token);
        if (await Task.WhenAny(all, deadline) == all)
        {
            await stopDelay.CancelAsync();
            await all;
            runCancellation.Dispose();
            return;
        }

        // Seal first so that nothing a cancelled check reports afterwards reaches the output.
        var message = $"Maximum timeout reached ({Seconds(maxTimeout)} s)";
        foreach (var execution in executions)
        {
            execution.Seal(message);
        }

        runCancellation.Cancel();
        _ = all.ContinueWith(_ => runCancellation.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunCheckAsync(CheckExecution execution, TimeSpan defaultTimeout, SemaphoreSlim slots, CancellationToken runToken)
    {
        try
        {
            await slots.WaitAsync(runToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var timeout = execution.Check.Common.Timeout ?? defaultTimeout;
            // Taken first, so that the deadline subchecks see never falls after the token fires.
            var checkContext = context.ForCheck(timeout);
            using var timeoutCancellation = new CancellationTokenSource(timeout, context.Time);
            using var checkCancellation = CancellationTokenSource.CreateLinkedTokenSource(runToken, timeoutCancellation.Token);
            var token = checkCancellation.Token;
            var failed = false;
            foreach (var subcheck in execution.Subchecks)
            {
                if (failed)
                {
                    execution.TryComplete(CheckResult.Skipped(subcheck.Name, subcheck.Info));
                    continue;
                }

                var started = context.Time.GetTimestamp();
                if (!execution.TryStart(started))
                {
                    return;
                }

                try
                {
                    // WaitAsync: the check's bound holds even if a subcheck ignores its token.
                    await InvokeAsync(subcheck, checkContext, token).WaitAsync(token);
                    execution.TryComplete(new CheckResult(subcheck.Name, subcheck.Info, ResultStatus.Ok, context.Time.GetElapsedTime(started)));
                }
                catch (Exception e)
                {
                    failed = true;
                    var message = timeoutCancellation.IsCancellationRequested ? $"timed out after {Seconds(timeout)} s"
                        : runToken.IsCancellationRequested ? "cancelled"
                        : ErrorDescriber.Describe(e);
                    execution.TryComplete(new CheckResult(subcheck.Name, subcheck.Info, ResultStatus.Failed, context.Time.GetElapsedTime(started), message, e));
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private static Task InvokeAsync(Subcheck subcheck, CheckContext checkContext, CancellationToken cancellationToken)
    {
        try
        {
            return subcheck.Run(checkContext, cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
