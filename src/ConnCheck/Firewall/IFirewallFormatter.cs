namespace ConnCheck.Firewall;

/// <summary>Turns merged egress rules into one firewall type's commands or file.</summary>
internal interface IFirewallFormatter
{
    /// <summary>False for types that print host names as written (iptables): nothing is resolved for them.</summary>
    bool UsesAddresses { get; }

    /// <summary>The whole output, ending with a newline.</summary>
    string Format(FirewallRules rules, FirewallFormatOptions options);
}
