namespace ConnCheck.Configuration;

/// <summary>One problem found in a configuration file, printed as <c>FILE:LINE:COLUMN: problem</c>.</summary>
internal sealed record ConfigurationError(SourcePosition Position, string Problem)
{
    /// <summary>
    /// A warning printed in every run, not only by --validate and -v: an unknown option that is a near
    /// miss of a known one, a typo that would otherwise turn an option off without a word.
    /// </summary>
    public bool EveryRun { get; init; }

    public override string ToString() => $"{Position}: {Problem}";
}
