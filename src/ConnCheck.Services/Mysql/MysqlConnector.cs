using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Services.Sql;
using MySqlConnector;

namespace ConnCheck.Services.Mysql;

/// <summary>Logs in to a MySQL or MariaDB server with MySqlConnector and disconnects.</summary>
internal static class MysqlConnector
{
    // Past this many seconds the bound is the check's token alone.
    private const int MaxTimeoutSeconds = 3600;

    public static async Task LoginAsync(CheckContext context, SqlLogin login, CancellationToken cancellationToken)
    {
        // MySqlConnector takes the token only while it connects the socket, not while it waits for the
        // server's replies: its own timeouts are what end a login to a server that accepts and then says nothing.
        var seconds = (uint)context.TimeoutForDriver().Seconds(MaxTimeoutSeconds);

        // MySqlConnector would resolve the name itself, past --resolver, ip_version and addresses: all. Our
        // validator verifies the certificate against the name, whatever address the driver connects to.
        var address = login.IsUnixSocket ? null : await context.AddressForDriverAsync(login.Host, cancellationToken);
        var settings = new MySqlConnectionStringBuilder
        {
            Server = address ?? login.Host,
            Port = (uint)login.Port,
            UserID = login.Username,
            Password = login.Password.Reveal(),
            Database = login.Database,
            ApplicationName = "conn-check",
            ConnectionProtocol = login.IsUnixSocket ? MySqlConnectionProtocol.UnixSocket : MySqlConnectionProtocol.Tcp,
            // Every check is a real login, never a pooled connection from an earlier one.
            Pooling = false,
            ConnectionTimeout = seconds,
            DefaultCommandTimeout = seconds,
            SslMode = login.SslMode switch
            {
                SqlSslMode.Disable => MySqlSslMode.None,
                SqlSslMode.Require or SqlSslMode.VerifyFull => MySqlSslMode.Required,
                _ => MySqlSslMode.Preferred,
            },
        };

        var builder = new MySqlDataSourceBuilder(settings.ConnectionString);
        CertificateValidator? validator = null;
        if (login.SslMode != SqlSslMode.Disable)
        {
            // Every handshake shows its certificate to our validator, which notes it for the expiry check
            // (C3). Prefer and require accept any certificate, as MySqlConnector's own validation does in
            // Preferred and Required; verify-full verifies it against the system store and --tls-certs-path,
            // and says why it refused one (MySqlConnector's VerifyFull trusts only the system store).
            // MySqlConnector takes a validation of ours in Preferred and Required, and in no other mode.
            validator = new CertificateValidator(login.Host, verify: login.SslMode == SqlSslMode.VerifyFull, context.TlsTrust, context.Progress);
            builder.UseRemoteCertificateValidationCallback(validator.Validate);
        }

        // MySqlConnector resolves the name and connects on its own, and tells when, and why it could not,
        // only in its log: until the connect starts, it is looking the name up. Its log also says when a
        // server asks for the password itself, early enough to refuse.
        var log = new MysqlConnectLog(context.Progress);
        var guard = new MysqlCleartextGuard(login);
        builder.UseLoggerFactory(new DriverLog(MysqlConnectLog.Category, entry =>
        {
            log.Read(entry);
            guard.Read(entry);
        }));
        if (!login.IsUnixSocket)
        {
            context.Progress.ResolveStarted();
        }
        await using var dataSource = builder.Build();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw MysqlErrors.Failure(e, login, validator, log);
        }
    }
}
