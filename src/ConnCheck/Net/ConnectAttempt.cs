using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Net;

/// <summary>
/// One connect, whose failure is a <see cref="SocketError"/> rather than an exception. The awaitable
/// <see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/> throws a <see cref="SocketException"/>
/// for every refused port, and in a run where many ports are closed those throws cost more than the
/// connects themselves; <see cref="SocketAsyncEventArgs"/> reports the error code instead.
/// </summary>
internal sealed class ConnectAttempt : SocketAsyncEventArgs
{
    private readonly TaskCompletionSource<SocketError> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConnectAttempt()
    {
    }

    /// <summary>
    /// Connects <paramref name="socket"/> to <paramref name="endpoint"/>; returns how it ended. When
    /// <paramref name="cancellationToken"/> fires first, the socket is closed and the connect ends aborted.
    /// </summary>
    public static async Task<SocketError> ConnectAsync(Socket socket, EndPoint endpoint, CancellationToken cancellationToken)
    {
        using var attempt = new ConnectAttempt { RemoteEndPoint = endpoint };
        if (!socket.ConnectAsync(attempt))
        {
            return attempt.SocketError;
        }

        using var registration = cancellationToken.UnsafeRegister(static state => ((Socket)state!).Dispose(), socket);
        return await attempt._completed.Task;
    }

    protected override void OnCompleted(SocketAsyncEventArgs e) => _completed.TrySetResult(e.SocketError);
}
