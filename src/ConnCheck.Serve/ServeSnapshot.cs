namespace ConnCheck.Serve;

/// <summary>
/// What every endpoint answers until the next run ends, encoded once per run: a scrape only copies
/// bytes, however many come at once, and never starts a run.
/// </summary>
/// <param name="Metrics">The body of <c>/metrics</c>: the latest run's results and the process's own metrics.</param>
/// <param name="Results">The body of <c>/results</c>; null before the first run has ended.</param>
/// <param name="Ready">Whether the latest run had no failure (false before the first one has ended).</param>
/// <param name="NotReadyReason">Why <c>/ready</c> answers 503, for whoever reads the probe's body.</param>
internal sealed record ServeSnapshot(Body Metrics, Body? Results, bool Ready, string NotReadyReason);
