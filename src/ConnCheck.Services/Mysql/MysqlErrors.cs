using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Services.Sql;
using MySqlConnector;

namespace ConnCheck.Services.Mysql;

/// <summary>MySqlConnector's exceptions in the words of a MySQL user (the server's own, where it has them).</summary>
internal static class MysqlErrors
{
    public static string Describe(Exception error, SqlLogin login, CertificateValidator? validator)
    {
        if (validator?.Failure is { } refused)
        {
            return refused;
        }

        // The server's errors carry an SQLSTATE and say it well: "Access denied for user 'x'@'host' (using
        // password: YES)", "Unknown database 'x'". MySqlConnector's own carry none.
        if (error is MySqlException { SqlState: not null } server)
        {
            return SqlErrors.FirstLine(server.Message);
        }

        if (SqlErrors.Find<MySqlException>(error, e => e.ErrorCode == MySqlErrorCode.CommandTimeoutExpired) is not null)
        {
            return "timed out";
        }

        if (login.IsUnixSocket && !File.Exists(login.Host))
        {
            return SqlErrors.NoSocket(login.Host);
        }

        if (SqlErrors.Transport(error, login) is { } transport)
        {
            return transport;
        }

        // MySqlConnector keeps no inner exception here: refused, unreachable and unknown host look alike.
        return error is MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost }
            ? $"cannot connect to {(login.IsUnixSocket ? login.Host : Names.HostPort(login.Host, login.Port))} (connection refused, unreachable or unknown host)"
            : SqlErrors.FirstLine(error.Message);
    }
}
