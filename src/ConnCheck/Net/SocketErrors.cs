using System.Net.Sockets;

namespace ConnCheck.Net;

/// <summary>Socket errors in the words people know from other tools.</summary>
internal static class SocketErrors
{
    public static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.TimedOut => "Connection timed out",
        SocketError.HostUnreachable => "Host unreachable",
        SocketError.NetworkUnreachable => "Network unreachable",
        SocketError.ConnectionReset => "Connection reset by peer",
        SocketError.ConnectionAborted => "Connection aborted",
        SocketError.AddressNotAvailable => "Cannot assign requested address",
        SocketError.AccessDenied => "Permission denied",
        SocketError.TooManyOpenSockets => "Too many open files",
        SocketError.NoBufferSpaceAvailable => "No buffer space available",
        _ => error.ToString(),
    };
}
