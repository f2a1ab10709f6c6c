namespace ConnCheck.Firewall;

/// <summary><c>neutron security-group-rule-create</c>, one command per port and address; the ethertype follows the address family.</summary>
internal sealed class NeutronFormatter : IFirewallFormatter
{
    public bool UsesAddresses => true;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var lines = new CommandLines();
        foreach (var rule in rules.ByDestination)
        {
            var ethertype = rule.IsIPv6 ? "IPv6" : "IPv4";
            foreach (var port in rule.Ports)
            {
                lines.Add($"neutron security-group-rule-create --direction egress --ethertype {ethertype} --protocol {rule.Protocol} --port-range-min {port} --port-range-max {port} --remote-ip-prefix {rule.Cidr} {options.GroupWord}");
            }
        }

        return lines.ToString();
    }
}
