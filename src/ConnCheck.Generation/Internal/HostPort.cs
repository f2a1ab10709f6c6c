using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ConnCheck.Generation.Internal;

/// <summary>A host and port from <c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>.</summary>
internal sealed record HostPort(string Host, int Port)
{
    /// <summary>
    /// Parses <paramref name="text"/>; a bare IPv6 address (several colons, no brackets) is a host without
    /// port. False when the host is no <see cref="HostName.IsValid">host name or address</see> or the port
    /// is not 1–65535.
    /// </summary>
    public static bool TryParse(string text, int defaultPort, [NotNullWhen(true)] out HostPort? address) =>
        TryParse(text, defaultPort, out address, out _);

    /// <summary>As the other overload; <paramref name="portWritten"/> says whether the text gave the port.</summary>
    public static bool TryParse(string text, int defaultPort, [NotNullWhen(true)] out HostPort? address, out bool portWritten)
    {
        address = null;
        portWritten = false;
        text = text.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            // Brackets are for IPv6 addresses only.
            host = text[1..close];
            if (!host.Contains(':'))
            {
                return false;
            }

            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                port = rest[1..];
            }
        }
        else if (text.IndexOf(':') is var colon and >= 0 && text.IndexOf(':', colon + 1) < 0)
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        else
        {
            host = text;
        }

        if (!HostName.IsValid(host))
        {
            return false;
        }

        var number = defaultPort;
        if (port is not null && !(int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is >= 1 and <= 65535))
        {
            return false;
        }

        portWritten = port is not null;
        address = new HostPort(host, number);
        return true;
    }
}
