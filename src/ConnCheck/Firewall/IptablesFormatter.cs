using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Firewall;

/// <summary>
/// <c>iptables -A FORWARD</c>, one command per port and (from_host, to_host), names as written:
/// iptables resolves them itself when the rule is added, so nothing is resolved here.
/// </summary>
internal sealed class IptablesFormatter : IFirewallFormatter
{
    public bool UsesAddresses => false;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var lines = new CommandLines();
        foreach (var rule in rules.ByName)
        {
            // iptables rejects IPv6 literals; ip6tables takes the same arguments.
            var program = IsIPv6Literal(rule.ToHost) || IsIPv6Literal(rule.FromHost) ? "ip6tables" : "iptables";
            foreach (var port in rule.Ports)
            {
                lines.Add($"{program} -A FORWARD -p {rule.Protocol} --dport {port} -s {rule.FromHost} -d {rule.ToHost} -j ACCEPT");
            }
        }

        return lines.ToString();
    }

    private static bool IsIPv6Literal(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
}
