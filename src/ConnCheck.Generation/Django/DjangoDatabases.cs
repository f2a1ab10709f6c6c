using System.Globalization;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.Django;

/// <summary>
/// <c>DATABASES</c>: one check per PostgreSQL, MySQL or Oracle entry, with 1.x's type names and
/// option order (SPEC A9). Entries whose client would use a Unix socket are left out.
/// </summary>
internal static class DjangoDatabases
{
    // The built-in engines, today's and the old psycopg2 name, and GeoDjango's, which connect the same way.
    private static readonly Dictionary<string, (string Type, int Port)> Engines = new(StringComparer.Ordinal)
    {
        ["django.db.backends.postgresql_psycopg2"] = ("postgres", Ports.Postgres),
        ["django.db.backends.postgresql"] = ("postgres", Ports.Postgres),
        ["django.contrib.gis.db.backends.postgis"] = ("postgres", Ports.Postgres),
        ["django.db.backends.mysql"] = ("mysql", Ports.Mysql),
        ["django.contrib.gis.db.backends.mysql"] = ("mysql", Ports.Mysql),
        ["django.db.backends.oracle"] = ("oracle", Ports.Oracle),
        ["django.contrib.gis.db.backends.oracle"] = ("oracle", Ports.Oracle),
    };

    // Engines that use no server: nothing to check, and nothing worth a note (dummy is Django's "no database").
    private static readonly HashSet<string> Serverless = new(StringComparer.Ordinal)
    {
        "django.db.backends.sqlite3",
        "django.contrib.gis.db.backends.spatialite",
        "django.db.backends.dummy",
    };

    public static IEnumerable<GeneratedCheck> Make(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        foreach (var (alias, database) in settings["DATABASES"]?.Entries ?? [])
        {
            var what = $"DATABASES['{alias}']";
            var engine = database.GetString("ENGINE")?.Trim() ?? "";
            if (!Engines.TryGetValue(engine, out var kind))
            {
                if (!Serverless.Contains(engine) && engine.Length > 0)
                {
                    notes.Add($"{what}: conn-check has no check for ENGINE {engine} (it checks PostgreSQL, MySQL and Oracle); no check");
                }

                continue;
            }

            var host = database.GetString("HOST")?.Trim() ?? "";
            if (host.StartsWith('/'))
            {
                // SPEC A9: a Unix socket crosses no network.
                notes.Add($"{what}: HOST is a Unix socket directory, which crosses no network; no check");
                continue;
            }

            if (host.Length == 0)
            {
                notes.Add($"{what}: no HOST, so the client connects through a local Unix socket; no check");
                continue;
            }

            if (Addresses(host, database["PORT"], kind, what, notes) is not { } addresses)
            {
                continue;
            }

            string? name = null;
            if (database.GetString("NAME") is { Length: > 0 } given)
            {
                name = given;
            }
            else if (options.DatabaseName is { Length: > 0 } fallback)
            {
                name = fallback;
            }
            else
            {
                notes.Add($"{what}: no NAME; give the database name with -d");
            }

            if (kind.Type == "oracle")
            {
                notes.Add($"{what}: conn-check has no oracle check type; the file will not load until that check is changed (to tcp, say) or removed");
            }

            foreach (var address in addresses)
            {
                var check = new GeneratedCheck(kind.Type);
                if (name is not null)
                {
                    check.Add("database", name);
                }

                check.Add("host", address.Host);

                // An empty PORT means the engine's default; conn-check wants it written.
                check.Add("port", address.Port);
                check.Add("username", database.GetString("USER") ?? "");
                Secrets.AddPassword(check, database.GetString("PASSWORD"), ["DATABASES", alias]);
                if (kind.Type == "postgres" && database["OPTIONS"]?.GetString("sslmode") is { Length: > 0 } sslmode)
                {
                    check.Add("sslmode", sslmode);
                }

                yield return check;
            }
        }
    }

    /// <summary>
    /// The servers of HOST and PORT as the engine's driver reads them: one host (a name, or an IP address,
    /// IPv6 with or without brackets) and its PORT; for PostgreSQL also libpq's lists (<c>HOST: 'pg1,pg2'</c>,
    /// <c>PORT: '5432,5433'</c> or one port for all). Null, with a note, for anything the driver would not
    /// connect to, such as <c>db:5433</c>: the drivers take the port from PORT only.
    /// </summary>
    private static List<HostPort>? Addresses(string host, SettingsView? port, (string Type, int Port) kind, string what, ICollection<string> notes)
    {
        var postgres = kind.Type == "postgres";
        string[] hosts = postgres ? host.Split(',', StringSplitOptions.TrimEntries) : [host];
        var portText = port?.AsString()?.Trim() ?? "";
        string[] ports = portText.Length == 0 ? [] : postgres ? portText.Split(',', StringSplitOptions.TrimEntries) : [portText];
        if (ports.Length > 1 && ports.Length != hosts.Length)
        {
            notes.Add($"{what}: PORT {port} lists {ports.Length} ports for {hosts.Length} hosts; no check");
            return null;
        }

        var addresses = new List<HostPort>();
        for (var i = 0; i < hosts.Length; i++)
        {
            var portOfHost = ports.Length == 0 ? "" : ports[Math.Min(i, ports.Length - 1)];
            var number = kind.Port;
            if (portOfHost.Length > 0 && !(int.TryParse(portOfHost, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is >= 1 and <= 65535))
            {
                notes.Add($"{what}: PORT {port} is not a port number; no check");
                return null;
            }

            var written = hosts[i];
            var bare = written.StartsWith('[') && written.EndsWith(']') ? written[1..^1] : written;
            if (HostName.IsValid(bare))
            {
                addresses.Add(new HostPort(bare, number));
            }
            else if (HostPort.TryParse(written, number, out var split, out var portInHost) && portInHost)
            {
                notes.Add($"{what}: HOST '{written}' has a port in it, which the database driver takes as part of the host name: put {split.Port} in PORT; no check");
                return null;
            }
            else
            {
                notes.Add($"{what}: HOST '{written}' is not a host name or address; no check");
                return null;
            }
        }

        return addresses;
    }
}
