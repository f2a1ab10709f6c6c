namespace ConnCheck.Firewall;

/// <summary><c>aws ec2 authorize-security-group-egress</c>, one command per port and address.</summary>
internal sealed class AwsFormatter : IFirewallFormatter
{
    public bool UsesAddresses => true;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var lines = new CommandLines();
        foreach (var rule in rules.ByDestination)
        {
            foreach (var port in rule.Ports)
            {
                // --cidr takes IPv4 only; the AWS CLI wants an IPv6 range as --ip-permissions (quoted: [ and { are shell syntax).
                lines.Add(rule.IsIPv6
                    ? $"aws ec2 authorize-security-group-egress --group-id {options.GroupWord} --ip-permissions 'IpProtocol={rule.Protocol},FromPort={port},ToPort={port},Ipv6Ranges=[{{CidrIpv6={rule.Cidr}}}]'"
                    : $"aws ec2 authorize-security-group-egress --group-id {options.GroupWord} --protocol {rule.Protocol} --port {port} --cidr {rule.Cidr}");
            }
        }

        return lines.ToString();
    }
}
