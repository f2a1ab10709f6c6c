using System.Net.Sockets;
using System.Security.Authentication;
using ConnCheck.Checks;
using ConnCheck.Net;

namespace ConnCheck.Running;

/// <summary>Turns an error into the one-line message and the stage of a FAILED result.</summary>
internal static class ErrorDescriber
{
    public static string Describe(Exception error)
    {
        var message = error switch
        {
            CheckFailedException => error.Message,
            SocketException socket => SocketErrors.Describe(socket.SocketErrorCode),
            IOException { InnerException: SocketException socket } => SocketErrors.Describe(socket.SocketErrorCode),
            AuthenticationException => $"TLS handshake failed: {error.Message}",
            _ => error.Message,
        };
        return FirstLine(message);
    }

    /// <summary>The check's own classification; for an error no check classified, a guess from its type.</summary>
    public static FailureStage StageOf(Exception error) => error switch
    {
        CheckFailedException failed => failed.Stage,
        SocketException socket => SocketErrors.Stage(socket.SocketErrorCode),
        AuthenticationException => FailureStage.Tls,
        _ => FailureStage.Protocol,
    };

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var line = (end < 0 ? text : text[..end]).Trim();
        return line.Length > 0 ? line : "failed";
    }
}
