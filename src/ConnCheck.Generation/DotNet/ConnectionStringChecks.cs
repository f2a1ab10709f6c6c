using System.Data.Common;
using System.Globalization;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// <c>ConnectionStrings</c>: a check for each connection string whose kind is known, each parsed by
/// its own driver's parser. URLs tell their kind by their scheme; a StackExchange.Redis
/// configuration starts with an endpoint, not <c>key=value</c>; PostgreSQL and MySQL strings share
/// their keywords, so the key's name (<c>Postgres</c>, <c>MySql</c>), a <c>NAME_ProviderName</c>
/// entry, a keyword only one driver knows, the port, or at last the keywords each driver's
/// documentation writes tell them apart.
/// </summary>
internal static class ConnectionStringChecks
{
    private const string Section = "ConnectionStrings";
    private const string ProviderNameSuffix = "_ProviderName";

    public static IEnumerable<GeneratedCheck> Make(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        var section = settings[Section];
        foreach (var (name, value) in section?.Entries ?? [])
        {
            if (name.EndsWith(ProviderNameSuffix, StringComparison.OrdinalIgnoreCase) || !value.IsTruthy())
            {
                continue;
            }

            if (value.Kind is SettingsKind.Map or SettingsKind.List)
            {
                notes.Add($"{Section}:{name}: a section, not a connection string; no check");
                continue;
            }

            if (value.AsString()?.Trim() is not { Length: > 0 } text)
            {
                continue;
            }

            var source = new ConnectionString(name, text, section![name + ProviderNameSuffix]?.AsString(), $"{Section}:{name}", [Section, name]);

            // What the drivers say about a string they cannot read may quote it: its secrets never reach a note.
            var own = new List<string>();
            var checks = MakeOne(source, own).ToList();
            var redactor = ConnectionStringSecrets.RedactorFor(text);
            foreach (var note in own)
            {
                notes.Add(redactor.Redact(note));
            }

            foreach (var check in checks)
            {
                yield return check;
            }
        }

        foreach (var (path, _) in Leaves(settings, []))
        {
            // eShop-style settings keep a connection string at the top (ConnectionString) or in a section
            // (EventBus:ConnectionString); their key says nothing of what they connect to.
            notes.Add($"{string.Join(':', path)}: outside {Section}, nothing says what it connects to (to have it checked, run configs with {Section}__NAME set to it, NAME naming the service: Postgres, MySql, Redis, ...); no check");
        }
    }

    private static IEnumerable<GeneratedCheck> MakeOne(ConnectionString source, ICollection<string> notes)
    {
        var text = source.Text;
        var scheme = text.IndexOf("://", StringComparison.Ordinal) is var end and > 0 ? text[..end].ToLowerInvariant() : null;
        switch (scheme)
        {
            case null:
                break;
            case "mongodb" or "mongodb+srv":
                return MongoStrings.Make(source, notes);
            case "postgres" or "postgresql":
                return DatabaseUrls.Make(source, "postgres", Ports.Postgres, notes);
            case "mysql" or "mariadb":
                return DatabaseUrls.Make(source, "mysql", Ports.Mysql, notes);
            case "http" or "https":
                return HttpUrlChecks.MakeOne(text, source.Key, source.What, notes);
            case var _ when BrokerUrls.Handles(text):
                return BrokerUrls.Make(text, source.Key, source.What, notes) is { } check ? [check] : [];
            default:
                notes.Add($"{source.What}: conn-check has no check for {scheme}:// URLs; no check");
                return [];
        }

        var keywords = Keywords.Parse(text);
        var hint = Hint(source);
        if (hint is null && SqlServerStrings.Sign(keywords) is { } sign)
        {
            notes.Add($"{source.What}: {SqlServerStrings.Note(keywords, $"by its {sign}")}");
            return [];
        }

        if (hint is null && SqliteStrings.Is(keywords))
        {
            hint = Kind.Sqlite;
        }

        switch (hint)
        {
            case Kind.SqlServer:
                notes.Add($"{source.What}: {SqlServerStrings.Note(keywords, "by its name")}");
                return [];
            case Kind.Sqlite:
                notes.Add($"{source.What}: a SQLite database, a file rather than a server; no check");
                return [];
            case Kind.Redis:
                return RedisStrings.Make(source, guessed: false, notes);
            case null when !text.Split(',')[0].Contains('='):
                return RedisStrings.Make(source, guessed: true, notes);
        }

        var postgres = NpgsqlStrings.TryParse(text, out var postgresProblem);
        var mysql = MySqlStrings.TryParse(text, out var mysqlProblem);
        hint ??= (postgres, mysql) switch
        {
            ({ }, null) => Kind.Postgres,
            (null, { }) => Kind.Mysql,
            ({ }, { }) => ExplicitPort(text) switch
            {
                Ports.Postgres => Kind.Postgres,
                Ports.Mysql => Kind.Mysql,
                _ => KeywordStyle(text, source, notes),
            },
            _ => null,
        };

        switch (hint)
        {
            case Kind.Postgres when postgres is not null:
                return NpgsqlStrings.Make(source, postgres, notes);
            case Kind.Postgres:
                notes.Add($"{source.What}: not a PostgreSQL connection string ({postgresProblem}); no check");
                return [];
            case Kind.Mysql when mysql is not null:
                return MySqlStrings.Make(source, mysql, notes);
            case Kind.Mysql:
                notes.Add($"{source.What}: not a MySQL connection string ({mysqlProblem}); no check");
                return [];
            case Kind.Unsupported:
                notes.Add($"{source.What}: conn-check has no check for {source.Provider}; no check");
                return [];
            default:
                notes.Add(postgres is null
                    ? $"{source.What}: not a PostgreSQL, MySQL or Redis connection string, nor an amqp, mongodb or http URL (SQL Server and others have no conn-check check); no check"
                    : $"{source.What}: PostgreSQL or MySQL? Name the key after it (Postgres, MySql), or give the Port; no check");
                return [];
        }
    }

    /// <summary>
    /// Keys outside ConnectionStrings named like a connection string (<c>ConnectionString</c>,
    /// <c>EventBus:ConnectionString</c>) with a value. The suffix is matched as .NET settings spell it, so
    /// that environment variables such as <c>MY_CONNECTIONSTRING</c> do not count.
    /// </summary>
    private static IEnumerable<(string[] Path, string Value)> Leaves(SettingsView view, string[] path)
    {
        foreach (var (key, child) in view.Entries)
        {
            string[] childPath = [.. path, key];
            if (path.Length == 0 && key.Equals(Section, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (child.Kind == SettingsKind.Map)
            {
                foreach (var leaf in Leaves(child, childPath))
                {
                    yield return leaf;
                }
            }
            else if ((key.EndsWith("ConnectionString", StringComparison.Ordinal) || key.Equals("ConnectionString", StringComparison.OrdinalIgnoreCase))
                && child.AsString()?.Trim() is { Length: > 0 } value)
            {
                yield return (childPath, value);
            }
        }
    }

    /// <summary>The <c>Port</c> the string gives, read with the drivers' common keyword parser; null when it gives none.</summary>
    private static int? ExplicitPort(string text)
    {
        var keywords = new DbConnectionStringBuilder { ConnectionString = text };
        return keywords.TryGetValue("Port", out var port) && int.TryParse(port?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    /// <summary>
    /// Both drivers read the string and no port tells: the keywords each driver's documentation writes
    /// decide (Npgsql: <c>Host</c>, <c>Username</c>; MySqlConnector: <c>Server</c>, <c>User ID</c>, <c>Uid</c>),
    /// with a note, as it is a guess.
    /// </summary>
    private static Kind? KeywordStyle(string text, ConnectionString source, ICollection<string> notes)
    {
        var keywords = new DbConnectionStringBuilder { ConnectionString = text };
        var npgsql = keywords.ContainsKey("Host") || keywords.ContainsKey("Username");
        var mysql = keywords.ContainsKey("Server") || keywords.ContainsKey("User ID") || keywords.ContainsKey("Uid") || keywords.ContainsKey("User");
        if (npgsql == mysql)
        {
            return null;
        }

        notes.Add(npgsql
            ? $"{source.What}: taken for PostgreSQL, by its keywords (Host, Username); if it is MySQL, name the key after it (MySql) or give the Port"
            : $"{source.What}: taken for MySQL, by its keywords (Server, User ID); if it is PostgreSQL, name the key after it (Postgres) or give the Port; if SQL Server, which has no check, name the key after it (SqlServer)");
        return npgsql ? Kind.Postgres : Kind.Mysql;
    }

    /// <summary>What the key's name or its provider name says the string is, if anything.</summary>
    private static Kind? Hint(ConnectionString source)
    {
        foreach (var text in (string?[])[source.Provider, source.Name])
        {
            var lower = text?.ToLowerInvariant() ?? "";
            if (lower.Contains("npgsql") || lower.Contains("postgres") || lower.Contains("pgsql"))
            {
                return Kind.Postgres;
            }

            if (lower.Contains("mysql") || lower.Contains("maria"))
            {
                return Kind.Mysql;
            }

            if (lower.Contains("redis"))
            {
                return Kind.Redis;
            }

            if (lower.Contains("sqlserver") || lower.Contains("mssql") || lower.Contains("sqlclient"))
            {
                return Kind.SqlServer;
            }

            if (lower.Contains("sqlite"))
            {
                return Kind.Sqlite;
            }

            if (text == source.Provider && lower.Length > 0)
            {
                // Others that conn-check has no check for.
                return Kind.Unsupported;
            }
        }

        return null;
    }

    private enum Kind
    {
        Postgres,
        Mysql,
        Redis,
        SqlServer,
        Sqlite,
        Unsupported,
    }
}
