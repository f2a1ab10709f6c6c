namespace ConnCheck.Configuration;

/// <summary>Where a value was written in a configuration file (line and column count from 1).</summary>
internal sealed record SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
