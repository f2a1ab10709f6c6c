using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers;

/// <summary>A TCP server that writes fixed bytes to each connection and closes it (a server that does not speak the expected protocol).</summary>
public sealed class GarbagePeer : IAsyncDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    private readonly AcceptLoop _loop;
    private readonly byte[] _bytes;

    private GarbagePeer(byte[] bytes, IPAddress? address, int port)
    {
        _bytes = bytes.ToArray();
        _loop = AcceptLoop.Start(address, port, ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    /// <summary>Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port).</summary>
    public static GarbagePeer Start(byte[] bytes, IPAddress? address = null, int port = 0) => new(bytes, address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        await socket.SendAsync(_bytes, SocketFlags.None, cancellationToken);
        socket.Shutdown(SocketShutdown.Send);

        // Closing with unread client bytes would reset the connection, and the client could lose our
        // bytes to the reset; so drain until the client closes (bounded, in case it never does).
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(Linger);
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, linger.Token) > 0)
        {
            // Discarded.
        }
    }
}
