namespace ConnCheck.Output;

/// <summary>What formats know of a run once it has ended.</summary>
/// <param name="Started">When the run started.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Counts">Results per status.</param>
/// <param name="ExitCode">The exit status the command returns.</param>
internal sealed record RunSummary(DateTimeOffset Started, TimeSpan Duration, ResultCounts Counts, ExitCode ExitCode)
{
    /// <summary>Whether the tags and patterns (or an empty file) left nothing to run.</summary>
    public bool NothingSelected => Counts.Total == 0;
}
