using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers;

/// <summary>Creates the bound sockets the peers listen on.</summary>
internal static class PeerSockets
{
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    /// <summary>A socket bound to <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (0: any free port).</summary>
    public static Socket Bind(IPAddress? address, int port, SocketType type)
    {
        address ??= IPAddress.Loopback;
        var protocol = type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp;
        var socket = new Socket(address.AddressFamily, type, protocol);
        try
        {
            if (type == SocketType.Stream && port != 0 && OperatingSystem.IsLinux())
            {
                // A fixed port must be reusable while connections the last run closed sit in TIME_WAIT.
                // Only SO_REUSEADDR: .NET's ReuseAddress also sets SO_REUSEPORT, which would let two
                // demo hosts share a port silently instead of the second one failing.
                socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            }

            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
