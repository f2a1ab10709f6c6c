using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Firewall;

/// <summary>Egress to one resolved address: what the address-based firewall types print.</summary>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="Destination">One host address, as a /32 or /128 network.</param>
/// <param name="Ports">The union of the ports of every rule that resolved here, in order of first appearance.</param>
/// <param name="Hosts">The names that resolved to this address, for the reader of the rules.</param>
internal sealed record DestinationRule(string Protocol, IPNetwork Destination, IReadOnlyList<int> Ports, IReadOnlyList<string> Hosts)
{
    public bool IsIPv6 => Destination.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary><c>192.0.2.10/32</c>, <c>2001:db8::1/128</c>.</summary>
    public string Cidr => Destination.ToString();

    /// <summary>True when the export files wrote this address itself rather than a name: nothing to add in a comment.</summary>
    public bool NamedOnlyByAddress => Hosts.All(h => IPAddress.TryParse(h, out var written) && written.Equals(Destination.BaseAddress));

    /// <summary>The address alone, without its prefix length.</summary>
    public string Address => Destination.BaseAddress.ToString();
}
