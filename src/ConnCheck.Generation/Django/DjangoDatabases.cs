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

    public static IEnumerable<GeneratedCheck> Make(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        foreach (var (alias, database) in settings["DATABASES"]?.Entries ?? [])
        {
            if (database.GetString("ENGINE") is not { } engine || !Engines.TryGetValue(engine, out var kind))
            {
                continue;
            }

            var what = $"DATABASES['{alias}']";
            var host = database.GetString("HOST")?.Trim() ?? "";
            if (host.StartsWith('/'))
            {
                // A Unix socket: nothing that crosses the network (SPEC A9).
                continue;
            }

            if (host.Length == 0)
            {
                notes.Add($"{what}: no HOST, so the client connects through a local Unix socket; no check");
                continue;
            }

            var port = database["PORT"];
            if (port?.AsString() is { Length: > 0 } && port.AsInt32() is not (>= 1 and <= 65535))
            {
                notes.Add($"{what}: PORT {port} is not a port number; no check");
                continue;
            }

            var check = new GeneratedCheck(kind.Type);
            if (database.GetString("NAME") is { Length: > 0 } name)
            {
                check.Add("database", name);
            }
            else if (options.DatabaseName is { Length: > 0 } fallback)
            {
                check.Add("database", fallback);
            }
            else
            {
                notes.Add($"{what}: no NAME; give the database name with -d");
            }

            check.Add("host", host);

            // An empty PORT means the engine's default; conn-check wants it written.
            check.Add("port", port?.AsInt32() ?? kind.Port);
            check.Add("username", database.GetString("USER") ?? "");
            Secrets.AddPassword(check, database.GetString("PASSWORD"), ["DATABASES", alias]);
            if (kind.Type == "postgres" && database["OPTIONS"]?.GetString("sslmode") is { Length: > 0 } sslmode)
            {
                check.Add("sslmode", sslmode);
            }

            if (kind.Type == "oracle")
            {
                notes.Add($"{what}: conn-check has no oracle check type; the file will not load until that check is changed (to tcp, say) or removed");
            }

            yield return check;
        }
    }
}
