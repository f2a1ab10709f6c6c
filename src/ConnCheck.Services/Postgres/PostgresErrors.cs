using System.Globalization;
using System.Net.Sockets;
using ConnCheck.Checks.Tls;
using ConnCheck.Services.Sql;
using Npgsql;

namespace ConnCheck.Services.Postgres;

/// <summary>Npgsql's exceptions in the words of a PostgreSQL user (the server's own, where it has them).</summary>
internal static class PostgresErrors
{
    /// <summary>The socket file Npgsql (like libpq) connects to for a socket directory.</summary>
    public static string SocketPath(SqlLogin login) =>
        Path.Combine(login.Host, string.Create(CultureInfo.InvariantCulture, $".s.PGSQL.{login.Port}"));

    public static string Describe(Exception error, SqlLogin login, CertificateValidator? validator)
    {
        if (validator?.Failure is { } refused)
        {
            return refused;
        }

        if (error is PostgresException server)
        {
            return server.SqlState switch
            {
                // The server says "password authentication failed" whatever the method; it also says so for a
                // role that does not exist, so as not to tell who does.
                PostgresErrorCodes.InvalidPassword => $"authentication failed for user \"{login.Username}\"",
                _ => server.MessageText,
            };
        }

        // Npgsql connects to the socket file DIRECTORY/.s.PGSQL.PORT, as libpq does; for a missing file
        // .NET reports ENOENT as "Cannot assign requested address".
        if (login.IsUnixSocket && SqlErrors.Find<SocketException>(error) is not null && !File.Exists(SocketPath(login)))
        {
            return SqlErrors.NoSocket(SocketPath(login));
        }

        return SqlErrors.Transport(error, login) ?? SqlErrors.FirstLine(error.Message);
    }
}
