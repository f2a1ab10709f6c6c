using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Serve;

/// <summary>
/// One run of serve: the pipeline of a single run (the checks selected once at start, run, each result
/// redacted once), its results kept in memory as the prometheus and json formats rather than printed.
/// </summary>
internal sealed class ScheduledRun(CheckRunner runner, IReadOnlyList<PlannedCheck> checks, RunOptions options, IReadOnlyList<FormatRequest> files, FormatSettings settings, Redactor redactor, TimeProvider time)
{
    /// <summary>How many checks each run runs.</summary>
    public int Checks => checks.Count;

    public async Task<RunReport> RunAsync(CancellationToken cancellationToken)
    {
        using var metrics = new StringWriter();
        using var results = new StringWriter();
        var started = time.GetTimestamp();
        using var pipeline = ResultPipeline.OpenTo([(PrometheusFormat.Entry, metrics), (JsonFormat.Entry, results)], files, settings, redactor, time);
        await runner.RunAsync(checks, options, pipeline, cancellationToken);
        pipeline.Finish();
        return new RunReport(metrics.ToString(), results.ToString(), pipeline.Counts, time.GetElapsedTime(started));
    }
}
