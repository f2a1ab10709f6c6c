using System.Net.Sockets;
using System.Security.Authentication;
using ConnCheck.Checks;
using ConnCheck.Net;

namespace ConnCheck.Services.Sql;

/// <summary>What went wrong below the database protocol, found among a driver exception's inner exceptions.</summary>
internal static class SqlErrors
{
    /// <summary>Nothing listens at the Unix socket <paramref name="path"/>: no such file.</summary>
    public static string NoSocket(string path) => $"no socket at {path} (is the server running?)";

    /// <summary>
    /// A server asked for the password in cleartext and the login refused to send it (SPEC C2): an auth
    /// failure that says why, and the two ways to let it through.
    /// </summary>
    public static CheckFailedException CleartextRefused(Exception? error = null) => new(
        FailureStage.Auth,
        "the server asked for the password in cleartext over a connection whose server is not verified; refused (set allow_cleartext_password: true, or sslmode: verify-full)",
        error);

    /// <summary>The transport problem behind <paramref name="error"/>, or null when there is none.</summary>
    public static CheckFailedException? Transport(Exception error, SqlLogin login)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException resolution when SocketErrors.IsResolution(resolution.SocketErrorCode):
                    return new(FailureStage.Resolve, $"cannot resolve host name {login.Host}", error);
                case SocketException socket:
                    return new(SocketErrors.Stage(socket.SocketErrorCode), SocketErrors.Describe(socket.SocketErrorCode), error);
                case AuthenticationException tls:
                    return new(FailureStage.Tls, $"TLS handshake failed: {FirstLine(tls.Message)}", error);
                case EndOfStreamException:
                    return new(FailureStage.Protocol, "the server closed the connection", error);
                case TimeoutException:
                    return new(FailureStage.Timeout, "timed out", error);
            }
        }

        return null;
    }

    /// <summary>The first exception in <paramref name="error"/>'s chain that is a <typeparamref name="T"/> and matches.</summary>
    public static T? Find<T>(Exception error, Func<T, bool>? match = null)
        where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T found && (match is null || match(found)))
            {
                return found;
            }
        }

        return null;
    }

    public static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var line = (end < 0 ? text : text[..end]).Trim();
        return line.Length > 0 ? line : "failed";
    }
}
