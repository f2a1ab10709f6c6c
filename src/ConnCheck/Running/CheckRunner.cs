using System.Globalization;
using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>
/// Runs checks concurrently (at most <see cref="RunOptions.MaxConcurrency"/> at once) and the
/// subchecks of each check in sequence, skipping the rest of a check after a failure. A check's
/// timeout bounds all its subchecks together; --max-timeout bounds the run, and an
/// <see cref="Interruption"/> ends it early in the same way.
/// </summary>
internal sealed class CheckRunner(CheckContext context)
{
    /// <summary>Runs every subcheck of <paramref name="checks"/>; see <see cref="RunAsync(IReadOnlyList{PlannedCheck}, RunOptions, IResultObserver, CancellationToken)"/>.</summary>
    public Task RunAsync(IReadOnlyList<CheckDefinition> checks, RunOptions options, IResultObserver observer, CancellationToken cancellationToken = default) =>
        RunAsync(Selection.All.Apply(checks), options, observer, cancellationToken);

    /// <summary>Runs the selected checks and reports every result to <paramref name="observer"/>.</summary>
    /// <returns>When every check has ended, or as soon as the maximum timeout is reached or the run is interrupted.</returns>
    public async Task RunAsync(IReadOnlyList<PlannedCheck> checks, RunOptions options, IResultObserver observer, CancellationToken cancellationToken = default)
    {
        var executions = checks
            .Select(c => new CheckExecution(c, c.Check.Common.Timeout ?? options.DefaultTimeout, observer, context.Time))
            .ToList();
        if (options.DryRun)
        {
            foreach (var execution in executions)
            {
                for (var i = 0; i < execution.Subchecks.Count; i++)
                {
                    observer.Completed(execution.Skipped(i));
                }
            }

            return;
        }

        if (options.Interruption?.Reason is { } early)
        {
            // Interrupted before anything started (a signal as the run began): nothing starts.
            foreach (var execution in executions)
            {
                execution.Seal(FailureStage.Interrupted, early);
            }

            return;
        }

        // Neither is disposed while a check may still use it: after --max-timeout, checks unwind in the background.
        var runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slots = new SemaphoreSlim(options.MaxConcurrency);
        var all = Task.WhenAll(executions.Select(e => RunCheckAsync(e, options.CertificateLimits, slots, runCancellation.Token)));
        if (options.MaxTimeout is null && options.Interruption is null)
        {
            await all;
            runCancellation.Dispose();
            return;
        }

        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = StopAsync(options, stopWaiting.Token);
        if (await Task.WhenAny(all, stop) == all || await stop is not { } ending)
        {
            await stopWaiting.CancelAsync();
            await all;
            runCancellation.Dispose();
            return;
        }

        // Seal first so that nothing a cancelled check reports afterwards reaches the output.
        var (stage, message) = ending;
        foreach (var execution in executions)
        {
            execution.Seal(stage, message);
        }

        runCancellation.Cancel();
        _ = all.ContinueWith(_ => runCancellation.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Ends when the run must end before its checks do, with what to report for those still unfinished:
    /// at --max-timeout, or at an interruption (a signal), whichever comes first. Null when
    /// <paramref name="cancellationToken"/> ends the wait first, as it does at the end of every run that
    /// was not stopped early: the usual end throws nothing (a first exception in a process costs 0.2 ms).
    /// </summary>
    private async Task<(FailureStage Stage, string Message)?> StopAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var interruption = options.Interruption;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interruption?.Token ?? CancellationToken.None);
        var delay = Task.Delay(options.MaxTimeout ?? Timeout.InfiniteTimeSpan, context.Time, either.Token);
        await delay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!delay.IsCanceled)
        {
            return (FailureStage.MaxTimeout, options.MaxTimeoutMessage ?? MaxTimeoutReached(options.MaxTimeout!.Value));
        }

        return !cancellationToken.IsCancellationRequested && interruption?.Reason is { } reason ? (FailureStage.Interrupted, reason) : null;
    }

    private async Task RunCheckAsync(CheckExecution execution, CertificateLimits runLimits, SemaphoreSlim slots, CancellationToken runToken)
    {
        try
        {
            await slots.WaitAsync(runToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        CheckContext? checkContext = null;
        try
        {
            var timeout = execution.Timeout;
            var limits = runLimits.For(execution.Check.Common);
            // Taken first, so that the deadline subchecks see never falls after the token fires.
            checkContext = context.ForCheck(timeout, execution.Check.Common.IpVersion);
            // Cancelled at the check's timeout, and with the run.
            using var checkCancellation = new CancellationTokenSource(timeout, context.Time);
            using var withRun = runToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), checkCancellation);
            var token = checkCancellation.Token;
            var failed = false;
            HashSet<string>? judged = null;
            for (var i = 0; i < execution.Subchecks.Count; i++)
            {
                var subcheck = execution.Subchecks[i];
                if (failed)
                {
                    execution.TryComplete(execution.Skipped(i));
                    continue;
                }

                var started = context.Time.GetTimestamp();
                if (!execution.TryStart(started))
                {
                    return;
                }

                checkContext.Progress.SubcheckStarted();

                // WaitAsync: the check's bound holds even if a subcheck ignores its token. Its failure is read
                // from the task, or is the one it returned (SubcheckAction), not rethrown: a failing check's
                // exceptions cost more than its connect.
                var work = InvokeAsync(subcheck, checkContext, token);
                var running = work.WaitAsync(token);
                await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                var failure = running.IsCompletedSuccessfully
                    ? (work as Task<CheckFailedException?>)?.Result
                    : running.Exception?.InnerException ?? new TaskCanceledException(running);
                CheckResult result;
                if (failure is null)
                {
                    result = Succeeded(execution, i, context.Time.GetElapsedTime(started), checkContext.Progress.TakeCertificates(), limits, ref judged);
                }
                else
                {
                    // The deadline passed is the timeout even before its timer's callback runs: on a loaded
                    // machine that callback can run late, after a driver's own clock has given up.
                    var timedOut = (checkCancellation.IsCancellationRequested && !runToken.IsCancellationRequested) || checkContext.Remaining == TimeSpan.Zero;
                    var (message, stage, error) = timedOut ? TimedOut(failure, timeout, checkContext.Progress)
                        : runToken.IsCancellationRequested ? ("cancelled", FailureStage.Timeout, failure)
                        : (ErrorDescriber.Describe(failure), ErrorDescriber.StageOf(failure), failure);
                    result = new CheckResult(subcheck.Name, subcheck.Info, ResultStatus.Failed, context.Time.GetElapsedTime(started), message, error)
                    {
                        Subject = execution.SubjectOf(i),
                        Stage = stage,
                        Certificate = checkContext.Progress.TakeCertificates().FirstOrDefault(),
                    };
                }

                failed = result.Status == ResultStatus.Failed;
                execution.TryComplete(result);
            }
        }
        finally
        {
            // A connection the tcp subcheck kept for a step that did not take it: failed, timed out, or left out by --include.
            checkContext?.Progress.Ended();
            slots.Release();
        }
    }

    /// <summary>
    /// A subcheck that ran to the end: OK, unless a certificate its handshake saw expires soon (C3).
    /// A certificate is judged once per check, at the first subcheck that saw it.
    /// </summary>
    private CheckResult Succeeded(CheckExecution execution, int index, TimeSpan duration, IReadOnlyList<ServerCertificate> certificates, CertificateLimits limits, ref HashSet<string>? judged)
    {
        var subcheck = execution.Subchecks[index];
        var result = new CheckResult(subcheck.Name, subcheck.Info, ResultStatus.Ok, duration) { Subject = execution.SubjectOf(index) };
        if (certificates.Count == 0)
        {
            return result;
        }

        // Soonest to expire first: the first one not judged yet is the one that matters.
        judged ??= new HashSet<string>(StringComparer.Ordinal);
        ServerCertificate? fresh = null;
        foreach (var certificate in certificates)
        {
            if (judged.Add(certificate.Thumbprint))
            {
                fresh ??= certificate;
            }
        }

        if (fresh is null)
        {
            return result with { Certificate = certificates[0] };
        }

        var (status, message) = CertificateExpiry.Judge(fresh, limits, context.Time.GetUtcNow());
        return result with
        {
            Status = status,
            Message = message,
            Stage = status == ResultStatus.Failed ? FailureStage.Tls : null,
            Certificate = fresh,
        };
    }

    // In the subcheck's own words when it has them (a driver knows which reply it awaited), else the stage it had reached.
    private static (string Message, FailureStage Stage, Exception Error) TimedOut(Exception error, TimeSpan timeout, CheckProgress progress) =>
        progress.TimeoutFailure() is { } own
            ? (own.Message, own.Stage, new CheckFailedException(own.Stage, own.Message, error))
            : ($"timed out after {Seconds(timeout)} s", progress.TimeoutStage, error);

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

    /// <summary>What checks unfinished at --max-timeout report.</summary>
    internal static string MaxTimeoutReached(TimeSpan maxTimeout) => $"Maximum timeout reached ({Seconds(maxTimeout)} s)";

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
