using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ConnCheck.Firewall;

/// <summary>
/// The JSON <c>--ip-permissions</c> array of <c>aws ec2 authorize-security-group-egress</c>: per
/// protocol and address, one object per run of consecutive ports (an IpPermission holds one
/// FromPort–ToPort range), IPv4 in <c>IpRanges</c>, IPv6 in <c>Ipv6Ranges</c>, the host names (when
/// there are any) as the range's description.
/// </summary>
internal sealed class AwsJsonFormatter : IFirewallFormatter
{
    // AWS limits a range description to 255 characters of this set.
    private const int MaxDescription = 255;
    private const string DescriptionCharacters = "._-:/()#,@[]+=&;{}!$* ";

    public bool UsesAddresses => true;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var rule in rules.ByDestination)
            {
                foreach (var (from, to) in Ranges(rule.Ports))
                {
                    json.WriteStartObject();
                    json.WriteString("IpProtocol", rule.Protocol);
                    json.WriteNumber("FromPort", from);
                    json.WriteNumber("ToPort", to);
                    json.WriteStartArray(rule.IsIPv6 ? "Ipv6Ranges" : "IpRanges");
                    json.WriteStartObject();
                    json.WriteString(rule.IsIPv6 ? "CidrIpv6" : "CidrIp", rule.Cidr);
                    if (!rule.NamedOnlyByAddress)
                    {
                        json.WriteString("Description", Description(rule.Hosts));
                    }

                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Sorted ports as inclusive ranges of consecutive numbers: 80, 443, 8000, 8001 → 80–80, 443–443, 8000–8001.</summary>
    internal static IEnumerable<(int From, int To)> Ranges(IEnumerable<int> ports)
    {
        int? from = null;
        var to = 0;
        foreach (var port in ports.Distinct().Order())
        {
            if (from is not null && port == to + 1)
            {
                to = port;
                continue;
            }

            if (from is { } start)
            {
                yield return (start, to);
            }

            from = to = port;
        }

        if (from is { } last)
        {
            yield return (last, to);
        }
    }

    private static string Description(IEnumerable<string> hosts)
    {
        var text = new string(string.Join(", ", hosts).Select(c => char.IsAsciiLetterOrDigit(c) || DescriptionCharacters.Contains(c) ? c : '_').ToArray());
        return text.Length <= MaxDescription ? text : text[..MaxDescription];
    }
}
