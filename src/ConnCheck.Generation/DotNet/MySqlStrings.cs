using MySqlConnector;

namespace ConnCheck.Generation.DotNet;

/// <summary>MySQL and MariaDB connection strings, read with MySqlConnector's own <see cref="MySqlConnectionStringBuilder"/>.</summary>
internal static class MySqlStrings
{
    /// <summary>The builder for <paramref name="text"/>, or null with MySqlConnector's complaint.</summary>
    public static MySqlConnectionStringBuilder? TryParse(string text, out string? problem)
    {
        problem = null;
        try
        {
            var builder = new MySqlConnectionStringBuilder(text);

            // Properties are read lazily: touch those used, so that a bad value fails here.
            _ = (builder.Port, builder.SslMode, builder.ConnectionProtocol);
            return builder;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException or InvalidOperationException)
        {
            problem = e.Message;
            return null;
        }
    }

    public static IEnumerable<GeneratedCheck> Make(ConnectionString source, MySqlConnectionStringBuilder builder, ICollection<string> notes)
    {
        if (builder.ConnectionProtocol is not MySqlConnectionProtocol.Sockets)
        {
            notes.Add($"{source.What}: Protocol {builder.ConnectionProtocol} (a Unix socket, a named pipe or shared memory) crosses no network; no check");
            return [];
        }

        if (string.IsNullOrWhiteSpace(builder.Server))
        {
            notes.Add($"{source.What}: no Server; no check");
            return [];
        }

        if (DatabaseString.ParseHosts(builder.Server, (int)builder.Port, source, notes) is not { } hosts)
        {
            return [];
        }

        var sslMode = builder.SslMode switch
        {
            MySqlSslMode.None => "disabled",
            MySqlSslMode.Required => "required",
            MySqlSslMode.VerifyCA => "required",
            MySqlSslMode.VerifyFull => "verify-identity",
            _ => null,
        };
        if (builder.SslMode == MySqlSslMode.VerifyCA)
        {
            notes.Add($"{source.What}: SslMode VerifyCA is checked as required (the chain is not verified)");
        }

        return new DatabaseString(hosts, builder.UserID, builder.Password, builder.Database ?? "", sslMode).Checks("mysql", source, notes);
    }
}
