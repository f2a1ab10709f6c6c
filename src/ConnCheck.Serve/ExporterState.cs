using System.Globalization;
using System.Text;
using ConnCheck.Output;

namespace ConnCheck.Serve;

/// <summary>
/// The latest results and the process's own counters, published as one <see cref="ServeSnapshot"/>
/// that the endpoints read without a lock. Only the schedule, one run at a time, changes it.
/// </summary>
internal sealed class ExporterState
{
    private readonly string _version;
    private readonly TimeProvider _time;
    private RunReport? _latest;

    // The latest run's /results, encoded when the run ends: a reload or a run error changes only the metrics.
    private Body? _results;
    private long _runs;
    private long _runErrors;
    private long _reloads;
    private long _reloadFailures;
    private bool _lastReloadSucceeded = true;
    private DateTimeOffset _loaded;
    private ServeSnapshot _current;

    /// <param name="version">conn-check's version, for the build info.</param>
    /// <param name="time">When the configuration was loaded at start, and later reloaded.</param>
    public ExporterState(string version, TimeProvider time)
    {
        _version = version;
        _time = time;
        _loaded = time.GetUtcNow();
        _current = Snapshot();
    }

    public ServeSnapshot Current => Volatile.Read(ref _current);

    /// <summary>A run ended: its results replace the previous ones.</summary>
    public void Completed(RunReport report)
    {
        _latest = report;
        _results = Body.Of(Encoding.UTF8.GetBytes(report.Results));
        _runs++;
        Volatile.Write(ref _current, Snapshot());
    }

    /// <summary>
    /// A run ended in an error of conn-check's own rather than in results: counted, and the previous
    /// results are kept, since they are still the latest known.
    /// </summary>
    public void Errored()
    {
        _runErrors++;
        Volatile.Write(ref _current, Snapshot());
    }

    /// <summary>
    /// The configuration was read again: on success its runs follow; on failure the previous one stays, and
    /// the metrics say so until a reload succeeds.
    /// </summary>
    public void Reloaded(bool succeeded)
    {
        if (succeeded)
        {
            _reloads++;
            _loaded = _time.GetUtcNow();
        }
        else
        {
            _reloadFailures++;
        }

        _lastReloadSucceeded = succeeded;
        Volatile.Write(ref _current, Snapshot());
    }

    private ServeSnapshot Snapshot()
    {
        var metrics = new StringBuilder(_latest?.Metrics ?? "");
        Family(metrics, "conn_check_runs_total", "counter", "Runs that ended with results since serve started.", "", _runs);
        Family(metrics, "conn_check_run_errors_total", "counter", "Runs that ended in an error of conn-check's own, without results, since serve started.", "", _runErrors);
        metrics
            .Append("# HELP conn_check_config_reloads_total Reloads of the configuration (SIGHUP) since serve started, by whether the file loaded.\n")
            .Append("# TYPE conn_check_config_reloads_total counter\n")
            .Append("conn_check_config_reloads_total{result=\"success\"} ").Append(_reloads.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("conn_check_config_reloads_total{result=\"failure\"} ").Append(_reloadFailures.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Family(metrics, "conn_check_config_last_reload_successful", "gauge", "Whether the last reload of the configuration loaded it (1; also before any reload) or failed and left the previous one in use (0).", "", _lastReloadSucceeded ? 1 : 0);
        Family(metrics, "conn_check_config_last_reload_success_timestamp_seconds", "gauge", "When the configuration in use was loaded, in seconds since the Unix epoch.", "", _loaded.ToUnixTimeSeconds());
        Family(metrics, "conn_check_build_info", "gauge", "Always 1: the version of conn-check serving.", $"{{version=\"{PrometheusFormat.EscapeLabelValue(_version)}\"}}", 1);
        var failed = _latest?.Counts.Failed ?? 0;
        return new ServeSnapshot(
            Body.Of(Encoding.UTF8.GetBytes(metrics.ToString())),
            _results,
            Ready: _latest is not null && failed == 0,
            NotReadyReason: _latest is null ? "no run has ended yet" : $"{failed} result(s) FAILED in the latest run");
    }

    private static void Family(StringBuilder text, string name, string type, string help, string labels, long value) => text
        .Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
        .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
        .Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
