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
        SocketError.HostNotFound => "name not found",
        SocketError.NoData => "no addresses",
        SocketError.TryAgain => "temporary failure in name resolution",
        _ => error.ToString(),
    };

    /// <summary>Whether <paramref name="error"/> is a failed name lookup (the resolver's answer, not the connection's).</summary>
    public static bool IsResolution(SocketError error) =>
        error is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain;

    /// <summary>
    /// The stage a failed connect stopped at: no answer at all is the firewall's signature; a driver
    /// that resolves names itself reports a failed lookup as a socket error too.
    /// </summary>
    public static FailureStage Stage(SocketError error) =>
        error == SocketError.TimedOut ? FailureStage.ConnectTimeout
        : IsResolution(error) ? FailureStage.Resolve
        : FailureStage.Connect;

    /// <summary>A failed connect as a check failure, in these words and at its stage.</summary>
    public static CheckFailedException Failure(SocketException error, string suffix = "") =>
        new(Stage(error.SocketErrorCode), Describe(error.SocketErrorCode) + suffix, error);

    /// <summary>A failed lookup of <paramref name="host"/>, as the system resolver's failures read.</summary>
    public static CheckFailedException ResolutionFailure(string host, SocketException error) =>
        new(FailureStage.Resolve, $"DNS resolution failed for {host}: {Describe(error.SocketErrorCode)}", error);
}
