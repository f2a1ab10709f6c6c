using ConnCheck.Configuration;

namespace ConnCheck.Checks;

/// <summary>A check type: its canonical name, the other names it answers to, and how its options are read.</summary>
internal sealed record CheckType(string Name, IReadOnlyList<string> Aliases, Func<OptionReader, CheckCommon, CheckDefinition> Parse);
