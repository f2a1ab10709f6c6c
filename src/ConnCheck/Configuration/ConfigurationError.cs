namespace ConnCheck.Configuration;

/// <summary>One problem found in a configuration file, printed as <c>FILE:LINE:COLUMN: problem</c>.</summary>
internal sealed record ConfigurationError(SourcePosition Position, string Problem)
{
    public override string ToString() => $"{Position}: {Problem}";
}
