using System.Net;
using System.Net.Sockets;
using System.Text;
using ConnCheck.Net;

namespace ConnCheck.Checks.Udp;

/// <summary>Sends one datagram and waits for one reply, which must equal the expected bytes.</summary>
internal static class UdpExchange
{
    private const int MaxDatagram = 65_535;

    public static async Task RunAsync(CheckContext context, string host, int port, string send, string expect, CancellationToken cancellationToken)
    {
        var addresses = await context.ResolveAsync(host, cancellationToken);
        var payload = Encoding.UTF8.GetBytes(send);
        var expected = Encoding.UTF8.GetBytes(expect);
        var buffer = new byte[MaxDatagram];
        for (var i = 0; ; i++)
        {
            int received;
            try
            {
                received = await ExchangeAsync(addresses[i], port, payload, buffer, cancellationToken);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && i + 1 < addresses.Length)
            {
                // The port is closed on this address (ICMP port unreachable); the name may have another.
                continue;
            }
            catch (SocketException e)
            {
                throw SocketErrors.Failure(e);
            }

            var reply = buffer.AsSpan(0, received);
            if (!reply.SequenceEqual(expected))
            {
                throw new CheckFailedException(FailureStage.Protocol, $"Unexpected reply: {ReplyText.Shorten(reply, context.Secrets)} (expected {ReplyText.Shorten(expected, context.Secrets)})");
            }

            return;
        }
    }

    private static async Task<int> ExchangeAsync(IPAddress address, int port, byte[] payload, byte[] buffer, CancellationToken cancellationToken)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
        await socket.SendAsync(payload, SocketFlags.None, cancellationToken);
        return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
    }
}
