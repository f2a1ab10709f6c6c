using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers;

/// <summary>A UDP server that answers each datagram with what <c>reply</c> returns for it (null: no answer).</summary>
public sealed class UdpPeer : IAsyncDisposable
{
    private const int MaxDatagram = 65_535;

    private readonly Socket _socket;
    private readonly Func<byte[], byte[]?> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    private UdpPeer(Func<byte[], byte[]?> reply, IPAddress? address, int port)
    {
        _reply = reply;
        _socket = PeerSockets.Bind(address, port, SocketType.Dgram);
        _loop = ServeAsync(_stop.Token);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>
    /// Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port).
    /// An exception from <paramref name="reply"/> stops the peer and is thrown again by <see cref="DisposeAsync"/>.
    /// </summary>
    public static UdpPeer Start(Func<byte[], byte[]?> reply, IPAddress? address = null, int port = 0) => new(reply, address, port);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        finally
        {
            _stop.Dispose();
        }
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxDatagram];
        EndPoint anyone = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, anyone, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // An error queued on the socket by an earlier exchange (e.g. ICMP unreachable); keep serving.
                continue;
            }

            if (_reply(buffer[..received.ReceivedBytes]) is not { } answer)
            {
                continue;
            }

            try
            {
                await _socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // The client is gone; the next datagram may come from another.
            }
        }
    }
}
