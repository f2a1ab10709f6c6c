using System.Text;
using ConnCheck.Checks;
using StackExchange.Redis;

namespace ConnCheck.Services.Redis;

/// <summary>What went wrong, in a Redis user's words: the server's error codes, or what it sent instead.</summary>
internal static class RedisErrors
{
    // The first byte of every RESP2 and RESP3 reply.
    private const string ReplyTypes = "+-:$*_,#!=(%~>|";

    public static CheckFailedException Failure(Exception error, RedisCheck check, RedisTunnel tunnel, Secrets.Redactor secrets)
    {
        if (tunnel.ConnectFailure is { } connect)
        {
            return connect;
        }

        if (ServerError(error) is { } reply)
        {
            return Refusal(reply, check, error);
        }

        // The driver says only that it could not connect; what the server sent says why.
        if (tunnel.Connection is { } connection)
        {
            var (received, ended) = connection.Snapshot();
            if (received is [(byte)'-', .. var text])
            {
                return Refusal(FirstLine(Encoding.UTF8.GetString(text)), check, error);
            }

            if (received.Length > 0 && !ReplyTypes.Contains((char)received[0], StringComparison.Ordinal))
            {
                return new(FailureStage.Protocol, $"Unexpected reply: {ReplyText.Shorten(received, secrets)}", error);
            }

            if (ended)
            {
                return new(FailureStage.Protocol, "the server closed the connection during the Redis handshake", error);
            }
        }

        return error switch
        {
            RedisTimeoutException or TimeoutException => new(FailureStage.Timeout, "timed out waiting for the server", error),
            RedisConnectionException => new(FailureStage.Protocol, "the Redis handshake did not complete", error),
            _ => new(FailureStage.Protocol, FirstLine(error.Message), error),
        };
    }

    private static CheckFailedException Refusal(string reply, RedisCheck check, Exception error)
    {
        var code = reply.Split(' ', 2)[0];
        var login = $"authentication failed for user \"{check.User}\"";
        var (stage, message) = code switch
        {
            "WRONGPASS" when check.Username is null => (FailureStage.Auth, $"{login}: wrong password"),
            "WRONGPASS" => (FailureStage.Auth, $"{login}: wrong password, or no such user, or the user is disabled"),
            "NOAUTH" when check.Password is null => (FailureStage.Auth, "the server requires a password, but none was given"),
            "NOAUTH" => (FailureStage.Auth, $"{login}: the server still requires authentication"),
            "NOPERM" => (FailureStage.Auth, $"user \"{check.User}\" is not permitted: {reply}"),

            // Redis 6 and later, then Redis 5 and earlier.
            _ when reply.Contains("without any password configured", StringComparison.Ordinal)
                || reply.Contains("no password is set", StringComparison.Ordinal) => (FailureStage.Auth, "the server has no password set, but a password was given"),
            _ when reply.Contains("invalid password", StringComparison.Ordinal) => (FailureStage.Auth, $"{login}: wrong password"),
            _ => (FailureStage.Protocol, $"server error: {reply}"),
        };
        return new(stage, message, error);
    }

    // The server's error reply, without the driver's decoration ("SimpleError: WRONGPASS ...").
    private static string? ServerError(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is RedisServerException)
            {
                var text = FirstLine(e.Message);
                var colon = text.IndexOf(": ", StringComparison.Ordinal);
                return colon > 0 && text[..colon].EndsWith("Error", StringComparison.Ordinal) ? text[(colon + 2)..] : text;
            }
        }

        return null;
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).Trim();
    }
}
