namespace ConnCheck.Output;

/// <summary>How a format writes, from the command line.</summary>
/// <param name="Streaming">Write each result as it comes (-U on standard output) where the format can; files never stream.</param>
/// <param name="ShowDuration">-d: durations in the text lines (the structured formats always carry them).</param>
/// <param name="Tracebacks">-t: the full error of each failure.</param>
/// <param name="ConfigFile">The configuration file, as given.</param>
internal sealed record FormatSettings(bool Streaming = false, bool ShowDuration = false, bool Tracebacks = false, string ConfigFile = "")
{
    /// <summary>conn-check's version, for the formats that name their producer.</summary>
    public string Version { get; init; } = "0.0.0";
}
