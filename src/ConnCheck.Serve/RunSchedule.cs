using ConnCheck.Output;

namespace ConnCheck.Serve;

/// <summary>
/// Runs the checks at start and then every interval, one run at a time: a run that takes longer than
/// the interval delays the next rather than overlapping it. One line on the log per run.
/// </summary>
internal sealed class RunSchedule(ScheduledRun run, ExporterState state, TimeSpan interval, TextWriter log, TimeProvider time)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, which also ends the run in flight.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var number = 1; !cancellationToken.IsCancellationRequested; number++)
        {
            var started = time.GetTimestamp();
            try
            {
                var report = await run.RunAsync(cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    // Interrupted: its results are those of a run cut short, not the services' state.
                    return;
                }

                state.Completed(report);
                var counts = report.Counts;
                await LogAsync($"run {number}: {counts.Ok} OK, {counts.Warning} WARNING, {counts.Failed} FAILED, {counts.Skipped} SKIPPED in {DecimalSeconds.Of(report.Duration)} s");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A bug of ours or a machine problem: serving goes on, the metric shows it, the log says what.
                state.Errored();
                await LogAsync($"run {number}: error: {e.Message}");
            }

            var wait = interval - time.GetElapsedTime(started);
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task LogAsync(string line)
    {
        await log.WriteLineAsync($"{Rfc3339.Format(time.GetUtcNow())} conn-check serve: {line}");
        await log.FlushAsync();
    }
}
