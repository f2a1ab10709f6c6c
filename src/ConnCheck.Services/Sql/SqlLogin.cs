using ConnCheck.Configuration;
using ConnCheck.Secrets;

namespace ConnCheck.Services.Sql;

/// <summary>
/// What a database login needs: the options the postgres and mysql checks share. A host that starts
/// with <c>/</c> is a Unix socket (a directory for PostgreSQL, the socket file for MySQL).
/// </summary>
internal sealed record SqlLogin(string Host, int Port, string Username, Secret Password, string Database, SqlSslMode SslMode)
{
    private const string SslModeKey = "sslmode";

    public bool IsUnixSocket => Host.StartsWith('/');

    /// <summary>The result info text, <c>user USERNAME</c>.</summary>
    public string Info => $"user {Username}";

    /// <summary>Reads host, port, username, password, database and sslmode; <paramref name="defaultPort"/> null makes port required.</summary>
    public static SqlLogin Parse(OptionReader options, int? defaultPort)
    {
        var host = options.Host();
        var port = defaultPort is { } fallback ? options.Port("port", fallback) : options.Port();
        var username = options.String("username", required: true) ?? "";
        var password = options.SecretString("password", required: true) ?? Secret.Empty;
        var database = options.String("database", required: true) ?? "";
        return new SqlLogin(host, port, username, password, database, ParseSslMode(options));
    }

    private static SqlSslMode ParseSslMode(OptionReader options)
    {
        var written = options.String(SslModeKey);
        if (string.IsNullOrWhiteSpace(written))
        {
            return SqlSslMode.Prefer;
        }

        // libpq's spellings, and MySQL's (--ssl-mode=REQUIRED, VERIFY_IDENTITY) for those who write those.
        switch (written.Trim().ToLowerInvariant().Replace('_', '-'))
        {
            case "disable" or "disabled":
                return SqlSslMode.Disable;
            case "prefer" or "preferred":
                return SqlSslMode.Prefer;
            case "require" or "required":
                return SqlSslMode.Require;
            case "verify-full" or "verify-identity":
                return SqlSslMode.VerifyFull;
            default:
                options.Error(SslModeKey, $"{SslModeKey} must be one of disable, prefer, require, verify-full, not '{written}'");
                return SqlSslMode.Prefer;
        }
    }
}
