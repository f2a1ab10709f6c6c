using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers;

/// <summary>
/// A TCP server that accepts connections and never sends a byte: it reads and discards what the
/// client sends and holds the connection open until the client closes it or the peer stops.
/// </summary>
public sealed class SilentPeer : IAsyncDisposable
{
    private readonly AcceptLoop _loop;

    private SilentPeer(IPAddress? address, int port) => _loop = AcceptLoop.Start(address, port, HoldAsync);

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    /// <summary>Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port).</summary>
    public static SilentPeer Start(IPAddress? address = null, int port = 0) => new(address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private static async Task HoldAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
        {
            // Discarded: a silent peer reads so the client is never blocked on a full window, and answers nothing.
        }
    }
}
