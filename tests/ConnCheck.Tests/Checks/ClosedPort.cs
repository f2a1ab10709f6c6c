using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Tests.Checks;

/// <summary>Ports that nothing listens on: bound to take a free number from the system, then released.</summary>
internal static class ClosedPort
{
    public static int Tcp(IPAddress? address = null) => Free(address ?? IPAddress.Loopback, SocketType.Stream, ProtocolType.Tcp);

    public static int Udp(IPAddress? address = null) => Free(address ?? IPAddress.Loopback, SocketType.Dgram, ProtocolType.Udp);

    private static int Free(IPAddress address, SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(address.AddressFamily, type, protocol);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
