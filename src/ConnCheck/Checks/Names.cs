using System.Globalization;

namespace ConnCheck.Checks;

/// <summary>Builds the stable parts of result names.</summary>
internal static class Names
{
    /// <summary><c>HOST:PORT</c>, with an IPv6 literal in brackets (<c>[::1]:5432</c>).</summary>
    public static string HostPort(string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{Bracketed(host)}:{port}");

    /// <summary>The host as it appears in a name: IPv6 literals in brackets.</summary>
    public static string Bracketed(string host) =>
        host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;

    /// <summary>The host as firewalls, resolvers and the structured formats want it: an IPv6 literal without brackets.</summary>
    public static string Unbracketed(string host) =>
        host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
}
