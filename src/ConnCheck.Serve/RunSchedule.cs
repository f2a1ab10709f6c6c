using ConnCheck.Output;

namespace ConnCheck.Serve;

/// <summary>
/// Runs the checks at start and then every interval, one run at a time: a run that takes longer than
/// the interval delays the next rather than overlapping it. A reload request is taken between runs:
/// the configuration is read again and, when it loads, the next run starts at once with it; when it
/// does not, the previous one stays. One line on the log per run and per reload.
/// </summary>
/// <param name="first">The run of the configuration loaded at start.</param>
/// <param name="reload">Reads the configuration again: the run it makes, or null when it did not load (its errors logged).</param>
/// <param name="reloads">The requests to reload (SIGHUP).</param>
/// <param name="state">Where each run's results and each reload's outcome are published.</param>
/// <param name="interval">From the start of one run to the start of the next.</param>
/// <param name="log">Serve's log: one line per run and per reload.</param>
/// <param name="time">The clock of the interval and the log.</param>
internal sealed class RunSchedule(
    ScheduledRun first,
    Func<CancellationToken, Task<ScheduledRun?>> reload,
    ReloadRequests reloads,
    ExporterState state,
    TimeSpan interval,
    TextWriter log,
    TimeProvider time)
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, which also ends the run in flight.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = first;
        for (var number = 1; !cancellationToken.IsCancellationRequested; number++)
        {
            if (reloads.TryTake())
            {
                run = await ReloadAsync(run, cancellationToken);
            }

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

            if (!await NextRunAsync(interval - time.GetElapsedTime(started), cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Waits out <paramref name="wait"/>, or less when a reload is requested; false when asked to stop.</summary>
    private async Task<bool> NextRunAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, woken.Token);
        var reload = reloads.WaitAsync(woken.Token);
        await Task.WhenAny(delay, reload);

        // The other one ends cancelled, which nothing needs to observe.
        await woken.CancelAsync();
        return !cancellationToken.IsCancellationRequested;
    }

    private async Task<ScheduledRun> ReloadAsync(ScheduledRun current, CancellationToken cancellationToken)
    {
        var next = await reload(cancellationToken);
        state.Reloaded(next is not null);
        if (next is null)
        {
            await LogAsync("reload failed: the previous configuration stays in use");
            return current;
        }

        await LogAsync($"reloaded the configuration: {next.Checks} check(s)");
        return next;
    }

    private async Task LogAsync(string line)
    {
        await log.WriteLineAsync($"{Rfc3339.Format(time.GetUtcNow())} conn-check serve: {line}");
        await log.FlushAsync();
    }
}
