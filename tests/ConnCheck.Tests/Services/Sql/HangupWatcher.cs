using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Tests.Services.Sql;

/// <summary>
/// A server that accepts one connection, never sends a byte, and notes when the client hangs up — to
/// show that a driver lets go of a stalled connection, not just that the runner stopped waiting for it.
/// </summary>
internal sealed class HangupWatcher : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _hungUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serve;

    public HangupWatcher()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _serve = ServeAsync(_stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Completes when the client closes the connection (or it is reset).</summary>
    public Task HungUp => _hungUp.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _serve;
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = await _listener.AcceptAsync(cancellationToken);
            var buffer = new byte[4096];
            while (await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
                // Whatever the client says goes unanswered.
            }

            _hungUp.TrySetResult();
        }
        catch (SocketException)
        {
            _hungUp.TrySetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // Stopped before the client hung up.
        }
    }
}
