using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Generation.Internal;

/// <summary>
/// Whether a value can be the host of a check: a DNS name or an IP address. A setting that holds
/// something else (a sentence, <c>tcp:sql</c>, two hosts in one) makes no check, rather than one that
/// loads and then fails to resolve a name that never was one.
/// </summary>
internal static class HostName
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>
    /// A name of dot-separated labels of letters, digits, <c>-</c> and <c>_</c> (Docker and Compose
    /// names have underscores; internationalised names their letters), an IPv4 address, or an IPv6
    /// address without brackets.
    /// </summary>
    public static bool IsValid(string host)
    {
        if (host.Length is 0 or > MaxLength)
        {
            return false;
        }

        if (host.Contains(':'))
        {
            // IPAddress reads "[::1]:5432" too, dropping the port: brackets are the caller's to take off.
            return !host.Contains('[') && IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var name = host.EndsWith('.') ? host[..^1] : host;
        return name.Split('.').All(label =>
            label.Length is > 0 and <= MaxLabelLength && label.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'));
    }
}
