namespace ConnCheck.Firewall;

/// <summary><c>nova secgroup-add-rule</c>, one command per port and address.</summary>
internal sealed class NovaFormatter : IFirewallFormatter
{
    public bool UsesAddresses => true;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var lines = new CommandLines();
        foreach (var rule in rules.ByDestination)
        {
            foreach (var port in rule.Ports)
            {
                lines.Add($"nova secgroup-add-rule {options.GroupWord} {rule.Protocol} {port} {port} {rule.Cidr}");
            }
        }

        return lines.ToString();
    }
}
