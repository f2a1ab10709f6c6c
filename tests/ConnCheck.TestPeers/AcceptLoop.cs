using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers;

/// <summary>
/// A listening socket that hands each connection to a handler, with no thread per connection.
/// Disposing it stops accepting, cancels every handler and closes every connection.
/// </summary>
internal sealed class AcceptLoop : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<Socket, CancellationToken, Task> _handle;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _connections = [];
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    private AcceptLoop(Socket listener, Func<Socket, CancellationToken, Task> handle)
    {
        _listener = listener;
        _handle = handle;
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> and runs <paramref name="handle"/> for each connection; the socket is closed when it returns.</summary>
    public static AcceptLoop Start(IPAddress? address, int port, Func<Socket, CancellationToken, Task> handle)
    {
        var listener = PeerSockets.Bind(address, port, SocketType.Stream);
        try
        {
            listener.Listen();
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var loop = new AcceptLoop(listener, handle);
        loop._loop = loop.AcceptAsync();
        return loop;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Dispose();
        await _loop;
        Task[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || token.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A client that gave up before we accepted it; the listener itself is fine.
                continue;
            }

            var connection = HandleAsync(socket, token);
            lock (_gate)
            {
                _connections.Add(connection);
            }

            _ = connection.ContinueWith(
                done =>
                {
                    lock (_gate)
                    {
                        _connections.Remove(done);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(Socket socket, CancellationToken cancellationToken)
    {
        try
        {
            await _handle(socket, cancellationToken);
        }
        catch (Exception)
        {
            // The client went away, misbehaved, or the peer is stopping: this connection is over either way.
        }
        finally
        {
            socket.Dispose();
        }
    }
}
