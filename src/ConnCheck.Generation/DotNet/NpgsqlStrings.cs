using Npgsql;

namespace ConnCheck.Generation.DotNet;

/// <summary>Npgsql connection strings, read with Npgsql's own <see cref="NpgsqlConnectionStringBuilder"/>.</summary>
internal static class NpgsqlStrings
{
    /// <summary>The builder for <paramref name="text"/>, or null with Npgsql's complaint.</summary>
    public static NpgsqlConnectionStringBuilder? TryParse(string text, out string? problem)
    {
        problem = null;
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            problem = e.Message;
            return null;
        }
    }

    public static IEnumerable<GeneratedCheck> Make(ConnectionString source, NpgsqlConnectionStringBuilder builder, ICollection<string> notes)
    {
        if (builder.Host is null)
        {
            notes.Add($"{source.What}: no Host; no check");
            return [];
        }

        if (DatabaseString.ParseHosts(builder.Host, builder.Port, source, notes) is not { } hosts)
        {
            return [];
        }

        var sslMode = builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyFull => "verify-full",
            SslMode.VerifyCA => "require",
            _ => null,
        };
        if (builder.SslMode == SslMode.VerifyCA)
        {
            notes.Add($"{source.What}: SSL Mode VerifyCA is checked as require (the chain is not verified)");
        }

        // Npgsql's default database is the user's name.
        var database = builder.Database ?? builder.Username ?? "";
        return new DatabaseString(hosts, builder.Username, builder.Password, database, sslMode).Checks("postgres", source, notes);
    }
}
