namespace ConnCheck.Running;

/// <summary>
/// Shell-style globs on result names, where only <c>*</c> is special (any run of characters).
/// Several globs match their union; none matches everything.
/// </summary>
internal sealed class NamePattern
{
    private readonly string[][] _globs;

    public NamePattern(IEnumerable<string> globs) =>
        _globs = globs.Select(g => g.Split('*')).ToArray();

    public static NamePattern All { get; } = new([]);

    public bool MatchesAll => _globs.Length == 0;

    public bool Matches(string name) => MatchesAll || _globs.Any(parts => Matches(name, parts));

    private static bool Matches(string name, string[] parts)
    {
        if (parts.Length == 1)
        {
            return string.Equals(name, parts[0], StringComparison.Ordinal);
        }

        var first = parts[0];
        var last = parts[^1];
        if (name.Length < first.Length + last.Length
            || !name.StartsWith(first, StringComparison.Ordinal)
            || !name.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        // Greedy left-to-right search for the middle parts is exact for '*'-only globs.
        var position = first.Length;
        var end = name.Length - last.Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = name.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
