using System.Diagnostics.CodeAnalysis;

namespace ConnCheck.Firewall;

/// <summary>The one table of firewall types. Adding a type is one formatter and its entry here.</summary>
internal static class FirewallTargets
{
    private static readonly FirewallTarget[] All =
    [
        new("aws", ["amazon", "ec2"], new AwsFormatter()),
        new("neutron", ["openstack", "os"], new NeutronFormatter()),
        new("nova", [], new NovaFormatter()),
        new("iptables", [], new IptablesFormatter()),
        new("ufw", [], new UfwFormatter()),
        new("nftables", ["nft"], new NftablesFormatter()),
        new("k8s", ["kubernetes"], new KubernetesFormatter()),
        new("aws-json", [], new AwsJsonFormatter()),
    ];

    private static readonly Dictionary<string, FirewallTarget> ByName = All
        .SelectMany(t => t.Aliases.Prepend(t.Name).Select(name => (name, t)))
        .ToDictionary(p => p.name, p => p.t, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every type with its aliases, for messages and help: <c>aws (amazon, ec2), ...</c>.</summary>
    public static string Described => string.Join(", ", All.Select(t => t.Aliases.Count == 0 ? t.Name : $"{t.Name} ({string.Join(", ", t.Aliases)})"));

    /// <summary>Finds a type by name or alias, ignoring case and surrounding spaces (1.x lowercased the name).</summary>
    public static bool TryFind(string name, [NotNullWhen(true)] out FirewallTarget? target) =>
        ByName.TryGetValue(name.Trim(), out target);
}
