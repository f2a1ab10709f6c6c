using System.Globalization;
using System.Net;
using ConnCheck.Checks;

namespace ConnCheck.Net;

/// <summary>A DNS server to ask, written <c>HOST[:PORT]</c> (an IPv6 address in brackets when it has a port; port 53 by default).</summary>
internal sealed record DnsServer(string Host, int Port)
{
    public const int DefaultPort = 53;

    /// <summary>Reads <c>HOST[:PORT]</c>; on failure, <paramref name="problem"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, out DnsServer server, out string problem)
    {
        server = new("", DefaultPort);
        problem = "";
        var written = text?.Trim() ?? "";
        string host;
        string? port = null;
        if (written.StartsWith('['))
        {
            var end = written.IndexOf(']', StringComparison.Ordinal);
            if (end < 0 || (end + 1 < written.Length && written[end + 1] != ':'))
            {
                problem = "must be HOST[:PORT], an IPv6 address in brackets when it has a port";
                return false;
            }

            host = written[1..end];
            port = end + 1 < written.Length ? written[(end + 2)..] : null;
        }
        else if (written.Count(c => c == ':') > 1)
        {
            // An IPv6 address without a port.
            host = written;
        }
        else
        {
            var colon = written.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? written : written[..colon];
            port = colon < 0 ? null : written[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || (host.Contains(':') && !IPAddress.TryParse(host, out _)))
        {
            problem = "must be HOST[:PORT] with a host name or address";
            return false;
        }

        var portNumber = DefaultPort;
        if (port is not null && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) && portNumber is >= 1 and <= 65535))
        {
            problem = "must be HOST[:PORT] with a port from 1 to 65535";
            return false;
        }

        server = new(host, portNumber);
        return true;
    }

    /// <summary>Its address: a literal as written, a name through the check's resolver.</summary>
    public async Task<IPEndPoint> EndPointAsync(CheckContext context, CancellationToken cancellationToken) =>
        new((await context.ResolveAsync(Host, cancellationToken))[0], Port);

    public override string ToString() => Names.HostPort(Host, Port);
}
