using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Net;
using MongoDB.Driver;

namespace ConnCheck.Services.Mongo;

/// <summary>MongoDB.Driver's exceptions in the words of a MongoDB user (the server's own, where it has them).</summary>
internal static class MongoErrors
{
    private const string HandshakeTimedOut = "timed out waiting for the server to answer the MongoDB handshake";
    private const string ConnectTimedOut = "timed out connecting to the server";

    /// <summary>The failure <paramref name="error"/> stands for; null when the check's own token fired, which the runner reports.</summary>
    public static CheckFailedException? Failure(Exception error, MongoCheck check, MongoProgress progress) =>
        Describe(error, check, progress) is { } failure ? new(failure.Stage, failure.Message, error) : null;

    private static (FailureStage Stage, string Message)? Describe(Exception error, MongoCheck check, MongoProgress progress)
    {
        if (error is OperationCanceledException)
        {
            // Stopped by progress.Token: the handshake failed, or the check's token fired.
            return progress.HandshakeFailure is { } failure ? Handshake(failure, check, progress) : null;
        }

        if (IsTimeout(error))
        {
            // Server selection gives up without saying why; the monitor's handshake knows.
            return progress.HandshakeFailure is { } cause ? Handshake(cause, check, progress) : TimedOut(check, progress);
        }

        if (Find<MongoAuthenticationException>(error) is { } authentication)
        {
            return (FailureStage.Auth, Authentication(authentication, check));
        }

        if (Find<MongoCommandException>(error) is { } command)
        {
            // Logged in, but this user may not list the database's collections.
            var stage = command.CodeName == "Unauthorized" ? FailureStage.Auth : FailureStage.Protocol;
            return (stage, $"listCollections on database \"{check.Database}\" failed: {ServerMessage(command)}");
        }

        return Connection(error, check) ?? (FailureStage.Protocol, FirstLine(Innermost(error).Message));
    }

    /// <summary>What a timeout firing now stopped: the connect, the handshake, the authentication or the command.</summary>
    public static (FailureStage Stage, string Message) TimedOut(MongoCheck check, MongoProgress progress) =>
        !progress.Connected ? (FailureStage.ConnectTimeout, ConnectTimedOut)
        : (FailureStage.Timeout, !progress.HandshakeAnswered ? HandshakeTimedOut
            : progress.ConnectionOpened ? $"timed out waiting for the server to answer listCollections on database \"{check.Database}\""
            : check.Credentials is { } credentials ? $"timed out waiting for the server to authenticate user \"{credentials.UserName}\""
            : HandshakeTimedOut);

    /// <summary>Why the monitor's handshake (the hello it sends on a new connection) failed.</summary>
    private static (FailureStage Stage, string Message) Handshake(Exception failure, MongoCheck check, MongoProgress progress)
    {
        if (Find<MongoAuthenticationException>(failure) is { } authentication)
        {
            return (FailureStage.Auth, Authentication(authentication, check));
        }

        if (IsTimeout(failure))
        {
            return progress.Connected ? (FailureStage.Timeout, HandshakeTimedOut) : (FailureStage.ConnectTimeout, ConnectTimedOut);
        }

        return Connection(failure, check) ?? (FailureStage.Protocol, $"MongoDB handshake failed: {FirstLine(Innermost(failure).Message)}");
    }

    private static string Authentication(MongoAuthenticationException error, MongoCheck check)
    {
        var message = $"authentication failed for user \"{check.Credentials?.UserName}\" in database \"{check.AuthSource}\"";

        // The server's reason when it says more than that (an unavailable mechanism, say).
        return Find<MongoCommandException>(error) is { } refusal && refusal.ErrorMessage is { Length: > 0 } reason
            && !reason.StartsWith("Authentication failed", StringComparison.OrdinalIgnoreCase)
            ? $"{message}: {ServerMessage(refusal)}"
            : message;
    }

    /// <summary>A failure of the connection itself, in the tcp check's words; null when it is something else.</summary>
    private static (FailureStage Stage, string Message)? Connection(Exception error, MongoCheck check) =>
        Find<SocketException>(error) is { } socket
            ? SocketErrors.IsResolution(socket.SocketErrorCode)
                ? (FailureStage.Resolve, $"DNS resolution failed for {check.Host}: {SocketErrors.Describe(socket.SocketErrorCode)}")
                : (SocketErrors.Stage(socket.SocketErrorCode), SocketErrors.Describe(socket.SocketErrorCode))
        : Find<EndOfStreamException>(error) is not null ? (FailureStage.Protocol, "the server closed the connection")
        : null;

    private static string ServerMessage(MongoCommandException error)
    {
        // mongod quotes the whole refused command, session id and all, after this: the start is the reason.
        var text = error.ErrorMessage ?? error.Message;
        var quoted = text.IndexOf(" to execute command ", StringComparison.Ordinal);
        var reason = FirstLine(quoted < 0 ? text : text[..quoted]);
        return error.CodeName is { Length: > 0 } name ? $"{reason} ({name})" : $"{reason} (code {error.Code})";
    }

    private static bool IsTimeout(Exception error) =>
        Find<TimeoutException>(error) is not null || Find<SocketException>(error) is { SocketErrorCode: SocketError.TimedOut };

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is { } inner)
        {
            error = inner;
        }

        return error;
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).Trim();
    }
}
