using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>--include-tags keeps checks with any of the tags; --exclude-tags drops them.</summary>
internal sealed record TagFilter(IReadOnlySet<string> Include, IReadOnlySet<string> Exclude)
{
    public static TagFilter None { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>Parses comma-separated tag lists (empty items ignored).</summary>
    public static TagFilter Parse(string? include, string? exclude) => new(Split(include), Split(exclude));

    public bool Keeps(CheckDefinition check)
    {
        if (Include.Count > 0)
        {
            return check.Common.Tags.Any(Include.Contains);
        }

        return Exclude.Count == 0 || !check.Common.Tags.Any(Exclude.Contains);
    }

    private static HashSet<string> Split(string? tags) =>
        (tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
