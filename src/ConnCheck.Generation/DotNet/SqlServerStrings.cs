using System.Globalization;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// SQL Server connection strings, which conn-check has no check for, told apart from the PostgreSQL and
/// MySQL strings they resemble (<c>Server=...;Database=...;User Id=...</c> reads as either) so that they are
/// named in a note rather than checked as something they are not.
/// </summary>
internal static class SqlServerStrings
{
    private const int DefaultPort = 1433;

    // Keywords of SqlClient that neither Npgsql nor MySqlConnector takes.
    private static readonly string[] OwnKeywords =
    [
        "Initial Catalog", "Integrated Security", "Trusted_Connection", "TrustServerCertificate", "Encrypt",
        "MultipleActiveResultSets", "MultiSubnetFailover", "ApplicationIntent", "AttachDbFilename",
        "Failover Partner", "Column Encryption Setting", "Packet Size", "Workstation ID", "Current Language",
        "User Instance", "Network Library",
    ];

    // SqlClient's protocol prefixes: tcp:host,port, named pipes, shared memory, the admin connection.
    private static readonly string[] Protocols = ["tcp:", "np:", "lpc:", "admin:"];

    /// <summary>
    /// What shows <paramref name="keywords"/> to be SQL Server's (<c>Server=tcp:sql,1433</c>, <c>Initial Catalog</c>),
    /// or null. A keyword SqlClient does not take (<c>Host</c>, <c>Username</c>, <c>Port</c>) rules it out.
    /// </summary>
    public static string? Sign(Keywords keywords)
    {
        if (keywords.Has("Host") || keywords.Has("Username") || keywords.Has("Port"))
        {
            return null;
        }

        if (Server(keywords) is { } server
            && (Protocols.Any(p => server.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                || server.StartsWith("(localdb)", StringComparison.OrdinalIgnoreCase)
                || server.Contains('\\')
                || PortAfterComma(server) is not null))
        {
            return $"Server={server}";
        }

        return keywords.FirstOf(OwnKeywords);
    }

    /// <summary>The note for a SQL Server string: why it makes no check, and the tcp check that would show the server reachable.</summary>
    public static string Note(Keywords keywords, string why)
    {
        var address = Address(keywords);
        var tcp = address is null ? "" : $"; a tcp check of {(address.Host.Contains(':') ? $"[{address.Host}]" : address.Host)}:{address.Port} would show that it is reachable";
        return $"a SQL Server connection string ({why}), and conn-check has no SQL Server check{tcp}; no check";
    }

    /// <summary>Where a tcp check would connect: <c>tcp:host,port</c>, <c>host,port</c> or <c>host</c> (port 1433); null for pipes, shared memory and named instances, whose port is not written.</summary>
    private static HostPort? Address(Keywords keywords)
    {
        var server = Server(keywords)?.Trim();
        if (server is null)
        {
            return null;
        }

        if (server.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            server = server[4..].Trim();
        }
        else if (Protocols.Any(p => server.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || server.StartsWith('('))
        {
            return null;
        }

        var comma = server.IndexOf(',');
        var host = comma < 0 ? server : server[..comma].Trim();
        var port = comma < 0 ? DefaultPort : PortAfterComma(server);
        return port is { } number && !host.Contains('\\') && HostName.IsValid(host) ? new HostPort(host, number) : null;
    }

    private static string? Server(Keywords keywords) =>
        keywords.ValueOf("Server", "Data Source", "Address", "Addr", "Network Address");

    private static int? PortAfterComma(string server) =>
        server.IndexOf(',') is var comma and > 0
        && int.TryParse(server[(comma + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
        && port is >= 1 and <= 65535
            ? port
            : null;
}
