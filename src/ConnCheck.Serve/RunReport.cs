using ConnCheck.Output;

namespace ConnCheck.Serve;

/// <summary>One finished run: its results in the formats the endpoints answer with, and its counts.</summary>
/// <param name="Metrics">The prometheus format of the run (SPEC C1).</param>
/// <param name="Results">The json format of the run (SPEC C1).</param>
/// <param name="Counts">How many results ended in each status.</param>
/// <param name="Duration">How long the run took.</param>
internal sealed record RunReport(string Metrics, string Results, ResultCounts Counts, TimeSpan Duration);
