using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// A loopback TCP port that is bound but not listening: connections to it are refused for as long
/// as this lives, and nothing else can take the port meanwhile.
/// </summary>
internal sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Starts listening on the port: from now on the kernel accepts connections to it (a service that came up).</summary>
    public void Listen() => _socket.Listen();

    public void Dispose() => _socket.Dispose();
}
