using System.Net.Sockets;
using ConnCheck.Checks;

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

    /// <summary>The stage a failed connect stopped at: no answer at all is the firewall's signature.</summary>
    public static FailureStage Stage(SocketError error) =>
        error == SocketError.TimedOut ? FailureStage.ConnectTimeout : FailureStage.Connect;

    /// <summary>A failed connect as a check failure, in these words and at its stage.</summary>
    public static CheckFailedException Failure(SocketException error, string suffix = "") =>
        new(Stage(error.SocketErrorCode), Describe(error.SocketErrorCode) + suffix, error);
}
