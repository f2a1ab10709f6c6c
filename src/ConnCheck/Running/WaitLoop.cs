using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>
/// --wait, the deploy gate (SPEC C5): runs the checks through the <see cref="CheckRunner"/>, then reruns
/// those that failed (a check fails when any of its results did) after a pause from a
/// <see cref="RetrySchedule"/>, until all pass or the bound is reached. The bound is as hard as
/// --max-timeout: a round it cuts short reports its unfinished checks as --max-timeout does (with the
/// check's failure of the round before, which says more), and with --max-timeout too the smaller bound
/// holds. An interruption (a signal) ends a round as it ends a run, and a pause at once. The observer
/// gets the last result of every check only, in file order.
/// </summary>
internal sealed class WaitLoop(CheckRunner runner, TimeProvider time)
{
    /// <summary>Runs <paramref name="checks"/> until they pass or the wait ends, then reports their last results.</summary>
    /// <param name="checks">The selected checks.</param>
    /// <param name="options">How each round runs; its <see cref="RunOptions.MaxTimeout"/> bounds the whole wait.</param>
    /// <param name="wait">The bound and the pauses.</param>
    /// <param name="observer">Receives the starts of every round and, at the end, the final results.</param>
    /// <param name="progress">Told where the wait stands after each round that did not pass, or null.</param>
    /// <param name="cancellationToken">Ends the wait by throwing, as it ends a run.</param>
    public async Task RunAsync(IReadOnlyList<PlannedCheck> checks, RunOptions options, WaitOptions wait, IResultObserver observer, IProgress<WaitProgress>? progress, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetTimestamp();
        var (bound, message) = options.MaxTimeout is { } max && max < wait.Bound
            ? (max, options.MaxTimeoutMessage ?? CheckRunner.MaxTimeoutReached(max))
            : (wait.Bound, $"gave up waiting after {CheckRunner.Seconds(wait.Bound)} s");
        var schedule = new RetrySchedule(wait.FirstInterval, wait.Random);
        var last = new IReadOnlyList<CheckResult>?[checks.Count];
        var pending = Enumerable.Range(0, checks.Count).ToList();
        var interruption = options.Interruption;
        while (true)
        {
            var round = new RoundResults(observer);
            // Never negative: a round that starts as the bound passes ends at once, its checks given up.
            var roundLeft = bound - time.GetElapsedTime(startedAt);
            var roundOptions = options with { MaxTimeout = roundLeft > TimeSpan.Zero ? roundLeft : TimeSpan.Zero, MaxTimeoutMessage = message };
            await runner.RunAsync(pending.Select(i => checks[i]).ToList(), roundOptions, round, cancellationToken);
            foreach (var i in pending)
            {
                var results = round.Of(checks[i]);
                last[i] = last[i] is { } before ? WithFailureBefore(results, before, message) : results;
            }

            pending = pending.Where(i => last[i]!.Any(r => r.Status == ResultStatus.Failed)).ToList();
            var left = bound - time.GetElapsedTime(startedAt);
            if (pending.Count == 0 || options.DryRun || interruption?.Reason is not null || left <= TimeSpan.Zero)
            {
                break;
            }

            var pause = schedule.Next();
            progress?.Report(Progress(checks, pending, last, pause < left ? pause : left, left));
            if (!await PauseAsync(pause < left ? pause : left, interruption, cancellationToken)
                || time.GetElapsedTime(startedAt) >= bound)
            {
                break;
            }
        }

        foreach (var results in last)
        {
            foreach (var result in results!)
            {
                observer.Completed(result);
            }
        }
    }

    // False when an interruption cut the pause short: nothing runs after it.
    private async Task<bool> PauseAsync(TimeSpan pause, Interruption? interruption, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interruption?.Token ?? CancellationToken.None);
        try
        {
            await Task.Delay(pause, time, either.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // A rerun cut short by the bound says only that; the round before said why the check failed.
    private static IReadOnlyList<CheckResult> WithFailureBefore(IReadOnlyList<CheckResult> results, IReadOnlyList<CheckResult> before, string message) =>
        before.FirstOrDefault(r => r.Status == ResultStatus.Failed)?.Message is { } reason
            ? results.Select(r => r.Stage == FailureStage.MaxTimeout && r.Message == message ? r with { Message = $"{message} (last failure: {reason})" } : r).ToList()
            : results;

    private static WaitProgress Progress(IReadOnlyList<PlannedCheck> checks, List<int> pending, IReadOnlyList<CheckResult>?[] last, TimeSpan pause, TimeSpan left)
    {
        var failures = pending.Select(i => last[i]!.First(r => r.Status == ResultStatus.Failed)).ToList();
        return new WaitProgress(pending.Count, checks.Count, failures.Select(f => f.Name).ToList(), failures[0].Message, pause, left);
    }
}
