namespace ConnCheck.Firewall;

/// <summary>The merged rules a formatter prints, by name or by resolved address.</summary>
/// <param name="ByName">Merged per (protocol, from_host, to_host), names as written: for types that keep names (iptables).</param>
/// <param name="ByDestination">Merged per (protocol, address); empty for types that keep names, which resolve nothing.</param>
internal sealed record FirewallRules(IReadOnlyList<EgressRule> ByName, IReadOnlyList<DestinationRule> ByDestination);
