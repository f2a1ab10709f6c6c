using System.Net.Sockets;
using ConnCheck.Checks.Tcp;
using ConnCheck.Net;

namespace ConnCheck.Checks.Memcache;

/// <summary>
/// Asks a memcached server for its version. The text protocol's <c>version</c> command is one line
/// out and one line back, a few lines of code: no client library fits better, and none would add a
/// check of its own.
/// </summary>
internal static class MemcacheVersion
{
    // "VERSION 1.6.18\r\n" is short; a bounded buffer means a peer that floods or trickles cannot
    // make the check read forever (the check's timeout bounds the trickle).
    private const int MaxReply = 1024;

    private static readonly byte[] Command = "version\r\n"u8.ToArray();

    public static async Task AskAsync(CheckContext context, string host, int port, CancellationToken cancellationToken)
    {
        using var socket = await TcpConnector.ConnectAsync(context, host, port, cancellationToken);
        var reply = await ExchangeAsync(socket, cancellationToken);
        if (!reply.AsSpan().StartsWith("VERSION "u8) || !reply.AsSpan().EndsWith("\n"u8))
        {
            throw new CheckFailedException(FailureStage.Protocol, reply.Length == 0
                ? "the server closed the connection without answering version"
                : $"Unexpected reply: {ReplyText.Shorten(reply, context.Secrets)}");
        }
    }

    // The reply's first line, with its line end; or what came before the peer closed or the buffer filled.
    private static async Task<byte[]> ExchangeAsync(Socket socket, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(Command, SocketFlags.None, cancellationToken);
            var buffer = new byte[MaxReply];
            var count = 0;
            while (count < buffer.Length)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(count), SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                var end = buffer.AsSpan(count, read).IndexOf((byte)'\n');
                if (end >= 0)
                {
                    return buffer[..(count + end + 1)];
                }

                count += read;
            }

            return buffer[..count];
        }
        catch (SocketException e)
        {
            // Connected, so a reset now is the server hanging up on the exchange.
            throw new CheckFailedException(FailureStage.Protocol, SocketErrors.Describe(e.SocketErrorCode), e);
        }
    }
}
