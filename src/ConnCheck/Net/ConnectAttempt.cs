using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace ConnCheck.Net;

/// <summary>
/// One connect, whose failure is a <see cref="SocketError"/> rather than an exception. The awaitable
/// <see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/> throws a <see cref="SocketException"/>
/// for every refused port, and in a run where many ports are closed those throws cost more than the
/// connects themselves; <see cref="SocketAsyncEventArgs"/> reports the error code instead.
/// </summary>
/// <remarks>
/// Attempts are reused, one connect after another, and awaited as a <see cref="ValueTask{TResult}"/>
/// of the attempt itself: a run of thousands of checks starts them all from one thread, and an event
/// args object, a task and its completion source per connect were a tenth of what each check allocated.
/// </remarks>
internal sealed class ConnectAttempt : SocketAsyncEventArgs, IValueTaskSource<SocketError>
{
    // Enough for the connects under way at once in most runs; beyond it, attempts are disposed as they end.
    private const int MaxIdle = 1024;

    private static readonly ConcurrentQueue<ConnectAttempt> Idle = new();
    private static int _idleCount;

    private ManualResetValueTaskSourceCore<SocketError> _completion = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;

    private ConnectAttempt()
    {
    }

    /// <summary>
    /// Connects <paramref name="socket"/> to <paramref name="endpoint"/>; returns how it ended. When
    /// <paramref name="cancellationToken"/> fires first, the socket is closed and the connect ends aborted.
    /// The result must be awaited once, as any <see cref="ValueTask{TResult}"/>.
    /// </summary>
    public static ValueTask<SocketError> ConnectAsync(Socket socket, EndPoint endpoint, CancellationToken cancellationToken)
    {
        var attempt = Rent();
        attempt.RemoteEndPoint = endpoint;
        bool pending;
        try
        {
            pending = socket.ConnectAsync(attempt);
        }
        catch
        {
            // Not back to the pool: an attempt that threw may not be ready for another connect.
            attempt.Dispose();
            throw;
        }

        if (!pending)
        {
            var error = attempt.SocketError;
            attempt.Release();
            return new(error);
        }

        // Registered before the caller can see the result, so that GetResult always finds it to dispose.
        attempt._registration = cancellationToken.UnsafeRegister(static state => ((Socket)state!).Dispose(), socket);
        return new(attempt, attempt._completion.Version);
    }

    public SocketError GetResult(short token)
    {
        try
        {
            return _completion.GetResult(token);
        }
        finally
        {
            _registration.Dispose();
            Release();
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _completion.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    protected override void OnCompleted(SocketAsyncEventArgs e) => _completion.SetResult(e.SocketError);

    private static ConnectAttempt Rent()
    {
        if (Idle.TryDequeue(out var attempt))
        {
            Interlocked.Decrement(ref _idleCount);
            return attempt;
        }

        return new ConnectAttempt();
    }

    // Ready for the next connect: the endpoint and registration of this one are dropped.
    private void Release()
    {
        _completion.Reset();
        _registration = default;
        RemoteEndPoint = null;
        if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            Idle.Enqueue(this);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        Dispose();
    }
}
