namespace ConnCheck.Output;

/// <summary>An entry of the <see cref="ResultFormats"/> table.</summary>
/// <param name="Name">What --format calls it.</param>
/// <param name="Description">One line for --help.</param>
/// <param name="Create">Makes the format writing to a stream.</param>
internal sealed record ResultFormat(string Name, string Description, Func<TextWriter, FormatSettings, IResultFormat> Create)
{
    /// <summary>The exit status of a run that selects nothing: OK as in 1.x, but UNKNOWN for Nagios, which must not call that healthy.</summary>
    public ExitCode NothingSelected { get; init; } = ExitCode.Ok;
}
