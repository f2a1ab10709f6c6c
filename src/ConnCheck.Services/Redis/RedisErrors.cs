using System.Text;
using ConnCheck.Checks;
using StackExchange.Redis;

namespace ConnCheck.Services.Redis;

/// <summary>What went wrong, in a Redis user's words: the server's error codes, or what it sent instead.</summary>
internal static class RedisErrors
{
    // The first byte of every RESP2 and RESP3 reply.
    private const string ReplyTypes = "+-:$*_,#!=(%~>|";

    public static string Describe(Exception error, RedisCheck check, RedisTunnel tunnel)
    {
        if (tunnel.ConnectFailure is { } connect)
        {
            return connect.Message;
        }

        if (ServerError(error) is { } reply)
        {
            return DescribeReply(reply, check);
        }

        // The driver says only that it could not connect; what the server sent says why.
        if (tunnel.Connection is { } connection)
        {
            var (received, ended) = connection.Snapshot();
            if (received is [(byte)'-', .. var text])
            {
                return DescribeReply(FirstLine(Encoding.UTF8.GetString(text)), check);
            }

            if (received.Length > 0 && !ReplyTypes.Contains((char)received[0], StringComparison.Ordinal))
            {
                return $"Unexpected reply: {ReplyText.Shorten(received)}";
            }

            if (ended)
            {
                return "the server closed the connection during the Redis handshake";
            }
        }

        return error switch
        {
            RedisTimeoutException or TimeoutException => "timed out waiting for the server",
            RedisConnectionException => "the Redis handshake did not complete",
            _ => FirstLine(error.Message),
        };
    }

    private static string DescribeReply(string reply, RedisCheck check)
    {
        var code = reply.Split(' ', 2)[0];
        return code switch
        {
            "WRONGPASS" when check.Username is null => $"authentication failed for user \"{check.User}\": wrong password",
            "WRONGPASS" => $"authentication failed for user \"{check.User}\": wrong password, or no such user, or the user is disabled",
            "NOAUTH" when check.Password is null => "the server requires a password, but none was given",
            "NOAUTH" => $"authentication failed for user \"{check.User}\": the server still requires authentication",
            "NOPERM" => $"user \"{check.User}\" is not permitted: {reply}",

            // Redis 6 and later, then Redis 5 and earlier.
            _ when reply.Contains("without any password configured", StringComparison.Ordinal)
                || reply.Contains("no password is set", StringComparison.Ordinal) => "the server has no password set, but a password was given",
            _ when reply.Contains("invalid password", StringComparison.Ordinal) => $"authentication failed for user \"{check.User}\": wrong password",
            _ => $"server error: {reply}",
        };
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
