using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers;

/// <summary>
/// A TCP server that writes bytes to each connection (a server that does not speak the expected
/// protocol): fixed bytes, after which it closes its side; or fresh random bytes, after which it
/// holds the connection open and says nothing more, as a server of some other binary protocol would.
/// </summary>
public sealed class GarbagePeer : IAsyncDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    private readonly AcceptLoop _loop;
    private readonly Func<byte[]> _bytes;
    private readonly bool _holdOpen;

    private GarbagePeer(Func<byte[]> bytes, bool holdOpen, IPAddress? address, int port)
    {
        _bytes = bytes;
        _holdOpen = holdOpen;
        _loop = AcceptLoop.Start(address, port, ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    /// <summary>Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port).</summary>
    public static GarbagePeer Start(byte[] bytes, IPAddress? address = null, int port = 0)
    {
        var copy = bytes.ToArray();
        return new(() => copy, holdOpen: false, address, port);
    }

    /// <summary>
    /// Sends each connection <paramref name="length"/> bytes, random and new for each but for the
    /// first ones, which are <paramref name="prefix"/> when given; then holds it open until the client
    /// closes it. Whatever a client reads as a length is random too (anything from nothing to
    /// gigabytes, or negative) unless the prefix says what it is.
    /// </summary>
    public static GarbagePeer StartRandom(int length, byte[]? prefix = null, IPAddress? address = null, int port = 0)
    {
        var start = prefix?.ToArray() ?? [];
        return new(
            () =>
            {
                var bytes = RandomBytes(length);
                start.AsSpan(0, Math.Min(start.Length, length)).CopyTo(bytes);
                return bytes;
            },
            holdOpen: true,
            address,
            port);
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        await socket.SendAsync(_bytes(), SocketFlags.None, cancellationToken);
        if (_holdOpen)
        {
            await DrainAsync(socket, cancellationToken);
            return;
        }

        socket.Shutdown(SocketShutdown.Send);

        // Closing with unread client bytes would reset the connection, and the client could lose our
        // bytes to the reset; so drain until the client closes (bounded, in case it never does).
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(Linger);
        await DrainAsync(socket, linger.Token);
    }

    private static async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
        {
            // Discarded.
        }
    }
}
