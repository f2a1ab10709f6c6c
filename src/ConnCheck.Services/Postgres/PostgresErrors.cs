using System.Globalization;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Services.Sql;
using Npgsql;

namespace ConnCheck.Services.Postgres;

/// <summary>Npgsql's exceptions in the words of a PostgreSQL user (the server's own, where it has them).</summary>
internal static class PostgresErrors
{
    private const string CleartextNotAllowed = "\"Password\" authentication method is not allowed.";

    /// <summary>The socket file Npgsql (like libpq) connects to for a socket directory.</summary>
    public static string SocketPath(SqlLogin login) =>
        Path.Combine(login.Host, string.Create(CultureInfo.InvariantCulture, $".s.PGSQL.{login.Port}"));

    public static CheckFailedException Failure(Exception error, SqlLogin login, CertificateValidator? validator)
    {
        if (validator?.Failure is { } refused)
        {
            return new(FailureStage.Tls, refused, error);
        }

        // Npgsql's words when Require Auth refused the server's request for the password in cleartext.
        if (!login.MaySendCleartextPassword && error is NpgsqlException { InnerException: null } refusal
            && refusal.Message.StartsWith(CleartextNotAllowed, StringComparison.Ordinal))
        {
            return SqlErrors.CleartextRefused(error);
        }

        if (error is PostgresException server)
        {
            return server.SqlState switch
            {
                // The server says "password authentication failed" whatever the method; it also says so for a
                // role that does not exist, so as not to tell who does.
                PostgresErrorCodes.InvalidPassword => new(FailureStage.Auth, $"authentication failed for user \"{login.Username}\"", error),

                // Class 28 (pg_hba.conf refused the login) and a missing CONNECT privilege: this user may not come in.
                _ when server.SqlState.StartsWith("28", StringComparison.Ordinal) || server.SqlState == PostgresErrorCodes.InsufficientPrivilege
                    => new(FailureStage.Auth, server.MessageText, error),
                _ => new(FailureStage.Protocol, server.MessageText, error),
            };
        }

        // Npgsql connects to the socket file DIRECTORY/.s.PGSQL.PORT, as libpq does; for a missing file
        // .NET reports ENOENT as "Cannot assign requested address".
        if (login.IsUnixSocket && SqlErrors.Find<SocketException>(error) is not null && !File.Exists(SocketPath(login)))
        {
            return new(FailureStage.Connect, SqlErrors.NoSocket(SocketPath(login)), error);
        }

        return SqlErrors.Transport(error, login) ?? new(FailureStage.Protocol, SqlErrors.FirstLine(error.Message), error);
    }
}
