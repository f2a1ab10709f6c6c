using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Secrets;

namespace ConnCheck.Services.Sql;

/// <summary>
/// What a database login needs: the options the postgres and mysql checks share. A host that starts
/// with <c>/</c> is a Unix socket (a directory for PostgreSQL, the socket file for MySQL).
/// </summary>
internal sealed record SqlLogin(string Host, int Port, string Username, Secret Password, string Database, SqlSslMode SslMode, bool AllowCleartextPassword = false, string? ServerName = null)
{
    private const string SslModeKey = "sslmode";
    private const string AllowCleartextPasswordKey = "allow_cleartext_password";

    public bool IsUnixSocket => Host.StartsWith('/');

    /// <summary>
    /// Whether the password itself may go to a server that asks for it in cleartext (SPEC C2): only to one
    /// whose certificate was verified (verify-full), over a Unix socket, or when the check allows it. A
    /// Unix socket is local and its file is where the server's owner made it, so there is no one in the
    /// middle; a TCP port, even on loopback, is any local user's to take while the server is down.
    /// Everywhere else only a challenge-response login (SCRAM, MD5, mysql_native_password,
    /// caching_sha2_password) proves the password without handing it over.
    /// </summary>
    public bool MaySendCleartextPassword => AllowCleartextPassword || IsUnixSocket || SslMode == SqlSslMode.VerifyFull;

    /// <summary>The result info text, <c>user USERNAME</c>.</summary>
    public string Info => $"user {Username}";

    /// <summary>
    /// Reads host, port, username, password, database, sslmode and allow_cleartext_password;
    /// <paramref name="defaultPort"/> null makes port required. <paramref name="sslModeAlias"/> is another
    /// spelling of sslmode that the check type takes too.
    /// </summary>
    /// <paramref name="serverNameRefusal"/>, when given, is the error for server_name: the type's driver cannot take one.
    public static SqlLogin Parse(OptionReader options, int? defaultPort, string? sslModeAlias = null, string? serverNameRefusal = null)
    {
        var host = options.Host();
        var port = defaultPort is { } fallback ? options.Port("port", fallback) : options.Port();
        var username = options.String("username", required: true) ?? "";
        var password = options.SecretString("password", required: true) ?? Secret.Empty;
        var database = options.String("database", required: true) ?? "";
        var sslMode = ParseSslMode(options, sslModeAlias);
        var allowCleartext = options.Bool(AllowCleartextPasswordKey, defaultValue: false);
        var serverName = TlsClientOptions.ParseServerName(options, serverNameRefusal);
        if (serverName is not null && sslMode == SqlSslMode.Disable)
        {
            options.Error(TlsClientOptions.ServerNameKey, $"{TlsClientOptions.ServerNameKey} needs TLS: sslmode disable has none");
        }

        return new SqlLogin(host, port, username, password, database, sslMode, allowCleartext, serverName);
    }

    private static SqlSslMode ParseSslMode(OptionReader options, string? alias)
    {
        var key = SslModeKey;
        if (alias is not null && options.Has(alias))
        {
            if (options.Has(SslModeKey))
            {
                options.Error(alias, $"{SslModeKey} and {alias} are two spellings of one option; give only one");
            }

            key = alias;
        }

        var written = options.String(key);
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
                options.Error(key, $"{key} must be one of disable, prefer, require, verify-full, not {Printable.Quote(written)}");
                return SqlSslMode.Prefer;
        }
    }
}
