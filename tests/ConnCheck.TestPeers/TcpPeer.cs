using System.Net;

namespace ConnCheck.TestPeers;

/// <summary>A TCP server that accepts every connection and closes it at once.</summary>
public sealed class TcpPeer : IAsyncDisposable
{
    private readonly AcceptLoop _loop;
    private int _accepted;

    private TcpPeer(IPAddress? address, int port)
    {
        _loop = AcceptLoop.Start(address, port, (_, _) =>
        {
            Interlocked.Increment(ref _accepted);
            return Task.CompletedTask;
        });
    }

    /// <summary>The port it listens on.</summary>
    public int Port => EndPoint.Port;

    /// <summary>The address and port it listens on.</summary>
    public IPEndPoint EndPoint => _loop.EndPoint;

    /// <summary>How many connections it has accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port).</summary>
    public static TcpPeer Start(IPAddress? address = null, int port = 0) => new(address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();
}
