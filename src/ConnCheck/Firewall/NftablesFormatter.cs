using System.Globalization;
using System.Text;

namespace ConnCheck.Firewall;

/// <summary>
/// A complete <c>nft -f</c> file: one table, <c>inet conn_check_egress</c>, with a named set of
/// IPv4 and one of IPv6 addresses per (protocol, ports), and an accept rule for each in an output
/// chain. Loading it again replaces the table; nothing else of the ruleset is touched.
/// </summary>
internal sealed class NftablesFormatter : IFirewallFormatter
{
    public const string Table = "conn_check_egress";

    public bool UsesAddresses => true;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var text = new StringBuilder();
        text.Append("#!/usr/sbin/nft -f\n")
            .Append("# Egress rules from conn-check convert-fw. Check with `nft -c -f FILE`, load with `nft -f FILE`;\n")
            .Append(CultureInfo.InvariantCulture, $"# loading again replaces table inet {Table} and touches nothing else.\n")
            .Append("#\n")
            .Append("# The output chain's policy is accept, so this file allows everything until you change it to\n")
            .Append("# drop; before you do, add the name servers this host uses (port 53) and anything else it needs.\n\n")
            .Append(CultureInfo.InvariantCulture, $"table inet {Table}\n")
            .Append(CultureInfo.InvariantCulture, $"delete table inet {Table}\n\n")
            .Append(CultureInfo.InvariantCulture, $"table inet {Table} {{\n");

        var groups = rules.ByDestination
            .GroupBy(r => (r.Protocol, Ports: string.Join(", ", r.Ports)))
            .Select((group, index) => (group.Key.Protocol, group.Key.Ports, Name: $"{group.Key.Protocol}_{index + 1}", Rules: group.ToList()))
            .ToList();
        var ruleLines = new List<string>();
        foreach (var (protocol, ports, name, members) in groups)
        {
            var dport = members[0].Ports.Count == 1 ? ports : $"{{ {ports} }}";
            foreach (var (family, match, type, suffix) in new[] { (false, "ip", "ipv4_addr", "v4"), (true, "ip6", "ipv6_addr", "v6") })
            {
                var addresses = members.Where(r => r.IsIPv6 == family).ToList();
                if (addresses.Count == 0)
                {
                    continue;
                }

                text.Append(CultureInfo.InvariantCulture, $"\t# {protocol} {(members[0].Ports.Count == 1 ? "port" : "ports")} {ports}\n");
                text.Append(CultureInfo.InvariantCulture, $"\tset {name}_{suffix} {{\n\t\ttype {type}\n\t\telements = {{\n");
                foreach (var rule in addresses)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\t\t\t{rule.Address},{Commented(rule)}\n");
                }

                text.Append("\t\t}\n\t}\n\n");
                ruleLines.Add($"{match} daddr @{name}_{suffix} {protocol} dport {dport} accept");
            }
        }

        text.Append("\tchain output {\n")
            .Append("\t\ttype filter hook output priority filter; policy accept;\n")
            .Append("\t\toifname \"lo\" accept\n")
            .Append("\t\tct state established,related accept\n");
        foreach (var line in ruleLines)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t\t{line}\n");
        }

        text.Append("\t}\n}\n");
        return text.ToString();
    }

    // A comment runs to the end of its line: nothing in a host name may end it early.
    private static string Commented(DestinationRule rule) =>
        rule.NamedOnlyByAddress ? "" : " # " + new string(string.Join(", ", rule.Hosts).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or ',' or ' ' ? c : '?').ToArray());
}
