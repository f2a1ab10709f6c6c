using System.Globalization;
using System.Net;

namespace ConnCheck.Serve;

/// <summary><c>--listen ADDR:PORT</c>: an IP address and a port, IPv6 in brackets (<c>[::1]:19190</c>).</summary>
internal static class ListenAddress
{
    /// <summary>
    /// Where serve listens unless told: loopback only, so that nothing is exposed by accident, and a port
    /// outside 9100-9999, the range the Prometheus project hands out to exporters, which is full.
    /// </summary>
    public static IPEndPoint Default { get; } = new(IPAddress.Loopback, DefaultPort);

    public const int DefaultPort = 19190;

    /// <summary>The address <paramref name="text"/> names, or null and why not.</summary>
    public static IPEndPoint? Parse(string text, out string? problem)
    {
        // A port is required: IPEndPoint.TryParse would take "::1" for [::1]:0, and "1.2.3.4" for port 0.
        var colon = text.LastIndexOf(':');
        var bracketed = text.StartsWith('[');
        var hasPort = colon > 0 && (bracketed ? text[colon - 1] == ']' : text.IndexOf(':') == colon);
        if (hasPort
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port <= IPEndPoint.MaxPort
            && IPAddress.TryParse(bracketed ? text[1..(colon - 1)] : text[..colon], out var address))
        {
            problem = null;
            return new IPEndPoint(address, port);
        }

        problem = $"argument --listen: expected ADDR:PORT with an IP address and a port from 0 to {IPEndPoint.MaxPort} (IPv6 in brackets: [::1]:{DefaultPort}), got '{text}'";
        return null;
    }
}
