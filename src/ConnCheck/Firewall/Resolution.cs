namespace ConnCheck.Firewall;

/// <summary>The rules by address, and one message for each name that did not resolve (its rules are left out).</summary>
internal sealed record Resolution(IReadOnlyList<DestinationRule> Rules, IReadOnlyList<string> Problems)
{
    public static Resolution Empty { get; } = new([], []);
}
