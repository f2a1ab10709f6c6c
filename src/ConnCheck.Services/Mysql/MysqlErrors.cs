using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using ConnCheck.Services.Sql;
using MySqlConnector;

namespace ConnCheck.Services.Mysql;

/// <summary>MySqlConnector's exceptions in the words of a MySQL user (the server's own, where it has them).</summary>
internal static class MysqlErrors
{
    public static CheckFailedException Failure(Exception error, SqlLogin login, CertificateValidator? validator, MysqlConnectLog log)
    {
        if (validator?.Failure is { } refused)
        {
            return new(FailureStage.Tls, refused, error);
        }

        if (SqlErrors.Find<CheckFailedException>(error) is { } ours)
        {
            return ours;
        }

        // The server's errors carry an SQLSTATE and say it well: "Access denied for user 'x'@'host' (using
        // password: YES)", "Unknown database 'x'". MySqlConnector's own carry none.
        if (error is MySqlException { SqlState: not null } server)
        {
            // 28000 is a refused login; 42000 with "Access denied" a user without rights to the database.
            var refusedUser = server.SqlState == "28000"
                || server.ErrorCode is MySqlErrorCode.AccessDenied or MySqlErrorCode.DatabaseAccessDenied;
            return new(refusedUser ? FailureStage.Auth : FailureStage.Protocol, SqlErrors.FirstLine(server.Message), error);
        }

        if (SqlErrors.Find<MySqlException>(error, e => e.ErrorCode == MySqlErrorCode.CommandTimeoutExpired) is not null)
        {
            return new(FailureStage.Timeout, "timed out", error);
        }

        if (login.IsUnixSocket && !File.Exists(login.Host))
        {
            return new(FailureStage.Connect, SqlErrors.NoSocket(login.Host), error);
        }

        if (SqlErrors.Transport(error, login) is { } transport)
        {
            return transport;
        }

        if (error is not MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost })
        {
            return new(FailureStage.Protocol, SqlErrors.FirstLine(error.Message), error);
        }

        // MySqlConnector keeps no inner exception here; its log has the socket error, if any.
        var socket = log.Failure?.SocketErrorCode;
        if (socket is { } lookup && SocketErrors.IsResolution(lookup))
        {
            return new(FailureStage.Resolve, $"cannot resolve host name {login.Host}", error);
        }

        var stage = socket is { } code ? SocketErrors.Stage(code) : FailureStage.Connect;
        return new(stage, $"cannot connect to {(login.IsUnixSocket ? login.Host : Names.HostPort(login.Host, login.Port))} (connection refused, unreachable or unknown host)", error);
    }
}
