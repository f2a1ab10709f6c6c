using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>
/// Which checks and results a command works on: the tags (--include-tags, --exclude-tags) choose
/// checks, the patterns choose result names, and a check stays when any of its results does. The
/// check command and export-fw select through this one place.
/// </summary>
internal sealed record Selection(TagFilter Tags, NamePattern Pattern)
{
    public static Selection All { get; } = new(TagFilter.None, NamePattern.All);

    /// <summary>The selected checks, in file order, each with its selected subchecks.</summary>
    public IReadOnlyList<PlannedCheck> Apply(IEnumerable<CheckDefinition> checks)
    {
        var planned = new List<PlannedCheck>();
        var sequence = 0;
        foreach (var check in checks)
        {
            if (!Tags.Keeps(check))
            {
                continue;
            }

            var subchecks = Pattern.MatchesAll ? check.Plan() : check.Plan().Where(s => Pattern.Matches(s.Name)).ToArray();
            if (subchecks.Count > 0)
            {
                planned.Add(new PlannedCheck(check, subchecks, sequence));
                sequence += subchecks.Count;
            }
        }

        return planned;
    }
}
