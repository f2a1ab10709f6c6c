namespace ConnCheck.Firewall;

/// <summary><c>ufw allow</c>, one command per port and address.</summary>
internal sealed class UfwFormatter : IFirewallFormatter
{
    public bool UsesAddresses => true;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var lines = new CommandLines();
        foreach (var rule in rules.ByDestination)
        {
            foreach (var port in rule.Ports)
            {
                lines.Add($"ufw allow proto {rule.Protocol} from any to {rule.Cidr} port {port}");
            }
        }

        return lines.ToString();
    }
}
