namespace ConnCheck.Firewall;

/// <summary>Collects command lines in order, each identical line once (SPEC A8).</summary>
internal sealed class CommandLines
{
    private readonly List<string> _lines = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Add(string line)
    {
        if (_seen.Add(line))
        {
            _lines.Add(line);
        }
    }

    /// <summary>One line per command, each ending with a newline; empty when there are none.</summary>
    public override string ToString() => string.Concat(_lines.Select(l => l + "\n"));
}
