namespace ConnCheck.Firewall;

/// <summary>What convert-fw's options say about the output; each type reads the ones that apply to it.</summary>
/// <param name="Group">Security group id or name (aws, neutron, nova); by default the literal <c>$SECGROUP</c>, for the shell to fill in. See <see cref="SecurityGroupWord.Problem"/> for what it may not be.</param>
/// <param name="PolicyName">The NetworkPolicy's name (k8s).</param>
/// <param name="PodLabels">The NetworkPolicy's <c>podSelector.matchLabels</c>, in the order given; none selects every pod of the namespace.</param>
internal sealed record FirewallFormatOptions(string Group, string PolicyName, IReadOnlyList<KeyValuePair<string, string>> PodLabels)
{
    public const string DefaultGroup = "$SECGROUP";
    public const string DefaultPolicyName = "conn-check-egress";

    private readonly string _group = Checked(Group);

    public static FirewallFormatOptions Default { get; } = new(DefaultGroup, DefaultPolicyName, []);

    public string Group
    {
        get => _group;
        init => _group = Checked(value);
    }

    /// <summary>The group as one word of a shell command line (<see cref="SecurityGroupWord.Quote"/>).</summary>
    public string GroupWord => SecurityGroupWord.Quote(Group);

    private static string Checked(string group) =>
        SecurityGroupWord.Problem(group) is { } problem ? throw new ArgumentException($"the security group {problem}", nameof(Group)) : group;
}
