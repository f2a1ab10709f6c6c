using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.DotNet;

/// <summary>A PostgreSQL or MySQL login as its driver's parser read it; <see cref="SslMode"/> in conn-check's spelling, null for the default.</summary>
internal sealed record DatabaseString(IReadOnlyList<HostPort> Hosts, string? Username, string? Password, string Database, string? SslMode)
{
    // The password is a secret: it stays out of anything a record prints about itself.
    public override string ToString() => $"DatabaseString {{ Username = {Username}, Database = {Database} }}";

    /// <summary>One check per host (a driver tries them in turn, and each must be reachable).</summary>
    public IEnumerable<GeneratedCheck> Checks(string type, ConnectionString source, ICollection<string> notes)
    {
        if (Hosts.Count == 0)
        {
            // Unix sockets only, each noted already.
            yield break;
        }

        if (string.IsNullOrEmpty(Username))
        {
            notes.Add($"{source.What}: no user name; the check will log in as ''");
        }

        foreach (var host in Hosts)
        {
            var check = new GeneratedCheck(type)
            {
                { "host", host.Host },
                { "port", host.Port },
                { "username", Username ?? "" },
            };
            Secrets.AddPassword(check, Password, source.Key);
            check.Add("database", Database);
            if (SslMode is { } sslMode)
            {
                check.Add("sslmode", sslMode);
            }

            yield return check;
        }
    }

    /// <summary>
    /// The hosts of a driver's host list (<c>h1,h2:5433</c>); Unix sockets (a path) left out, as they
    /// cross no network. Null, with a note, when one is not HOST or HOST:PORT.
    /// </summary>
    public static List<HostPort>? ParseHosts(string? list, int port, ConnectionString source, ICollection<string> notes)
    {
        var hosts = new List<HostPort>();
        foreach (var host in (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (host.StartsWith('/') || host.StartsWith('@'))
            {
                notes.Add($"{source.What}: a host is a Unix socket, which crosses no network; no check for it");
                continue;
            }

            if (!HostPort.TryParse(host, port, out var address))
            {
                notes.Add($"{source.What}: '{host}' is not HOST or HOST:PORT; no check");
                return null;
            }

            hosts.Add(address);
        }

        return hosts;
    }
}
