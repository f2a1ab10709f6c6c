using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Services.Sql;
using Npgsql;

namespace ConnCheck.Services.Postgres;

/// <summary>Logs in to a PostgreSQL server with Npgsql and disconnects.</summary>
internal static class PostgresConnector
{
    // Npgsql refuses a connect Timeout above this many seconds.
    private const int MaxTimeoutSeconds = 1024;

    // The log category of Npgsql's connections, and the trace messages around its TCP connect.
    private const string LogCategory = "Npgsql.Connection";
    private const string Connecting = "Attempting to connect to {Endpoint}";
    private const string Connected = "Socket connected to {Host}:{Port}";
    private const string NotConnected = "Failed to connect to {Endpoint}";

    public static async Task LoginAsync(CheckContext context, SqlLogin login, CancellationToken cancellationToken)
    {
        // The slim builder: the full NpgsqlDataSourceBuilder brings in every type plugin, some of them
        // reflection-based (trim and AOT warnings); a login needs none of them, only TLS.
        var builder = new NpgsqlSlimDataSourceBuilder();
        var settings = builder.ConnectionStringBuilder;
        // Npgsql would resolve the name itself, past --resolver, ip_version and addresses: all.
        var address = login.IsUnixSocket ? null : await context.AddressForDriverAsync(login.Host, cancellationToken);
        settings.Host = address ?? login.Host;
        settings.Port = login.Port;
        settings.Username = login.Username;
        settings.Password = login.Password.Reveal();
        settings.Database = login.Database;
        settings.ApplicationName = "conn-check";
        // Every check is a real login, never a pooled connection from an earlier one.
        settings.Pooling = false;
        // Npgsql takes the token only while it connects the socket, not while it waits for the server's
        // replies: its own timeouts are what end a login to a server that accepts and then says nothing.
        var seconds = context.TimeoutForDriver().Seconds(MaxTimeoutSeconds);
        settings.Timeout = seconds;
        settings.CommandTimeout = seconds;
        // Kerberos is not what this check proves; by default Npgsql would first ask for GSS encryption.
        settings.GssEncryptionMode = GssEncryptionMode.Disable;
        builder.EnableTransportSecurity();
        // A login only: loading the server's type catalogue would be one more query, and more to fail.
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));

        settings.SslMode = login.SslMode switch
        {
            SqlSslMode.Disable => SslMode.Disable,
            SqlSslMode.Require or SqlSslMode.VerifyFull => SslMode.Require,
            _ => SslMode.Prefer,
        };
        if (!login.MaySendCleartextPassword)
        {
            // SPEC C2: Npgsql's own Require Auth refuses a request for the password in cleartext before it
            // writes a byte of it; SCRAM and MD5 answer a challenge and stay allowed.
            settings.RequireAuth = "!Password";
        }

        CertificateValidator? validator = null;
        if (login.SslMode != SqlSslMode.Disable)
        {
            // Every handshake shows its certificate to our validator, which notes it for the expiry check
            // (C3). Prefer and require accept any certificate, as Npgsql's own validation does in those
            // modes; verify-full verifies it against the system store and --tls-certs-path, and says why it
            // refused one (Npgsql's VerifyFull trusts only the system store). Npgsql takes a validation of
            // ours in Prefer and Require, and in no other mode.
            validator = new CertificateValidator(login.ServerName ?? login.Host, verify: login.SslMode == SqlSslMode.VerifyFull, context.TlsTrust, context.Progress);
            builder.UseSslClientAuthenticationOptionsCallback(options =>
            {
                options.RemoteCertificateValidationCallback = validator.Validate;

                // Npgsql has set its own target, the host it was given; server_name, or the name when it was
                // given an address, replaces it for SNI and verification.
                if (login.ServerName is { } serverName)
                {
                    options.TargetHost = serverName;
                }
                else if (address is not null)
                {
                    options.TargetHost = login.Host;
                }
            });
        }

        // Npgsql resolves the name and connects on its own, and tells when its connect starts and ends
        // only in its log: until the connect starts, it is looking the name up.
        builder.UseLoggerFactory(new DriverLog(LogCategory, e => ReadLog(context.Progress, e.Template)));
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
            throw PostgresErrors.Failure(e, login, validator);
        }
    }

    // A cancelled connect is not logged: it stays under way, and the check's timeout is a connect-timeout.
    private static void ReadLog(CheckProgress progress, string? template)
    {
        switch (template)
        {
            case Connecting:
                progress.ConnectStarted();
                break;
            case Connected or NotConnected:
                progress.ConnectEnded();
                break;
        }
    }
}
