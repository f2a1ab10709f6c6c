using System.Net;
using System.Net.Sockets;
using ConnCheck.Net;

namespace ConnCheck.Checks.Tcp;

/// <summary>Opens TCP connections: resolves the host, then tries each address in turn.</summary>
internal static class TcpConnector
{
    /// <summary>
    /// The <c>tcp:HOST:PORT</c> subcheck, which other checks use as their first step. With
    /// <paramref name="handOver"/>, for checks whose next step connects through <see cref="ConnectAsync"/>
    /// to the same host and port, the connection stays open for that step to take.
    /// </summary>
    public static Subcheck Subcheck(string host, int port, bool handOver = false)
    {
        var hostPort = Names.HostPort(host, port);
        return new Subcheck($"tcp:{hostPort}", hostPort, (context, cancellationToken) => ConnectOnlyAsync(context, host, port, handOver, cancellationToken))
        {
            Egress = Egress.Tcp(host, port),
        };
    }

    /// <summary>
    /// Returns a connected socket, its writes not delayed (Nagle off), or throws a <see cref="CheckFailedException"/>
    /// saying why not: the one the check's tcp subcheck handed over when it went to the same place, else a new one.
    /// </summary>
    public static async Task<Socket> ConnectAsync(CheckContext context, string host, int port, CancellationToken cancellationToken)
    {
        var (socket, failure) = context.Progress.TakeConnection(host, port) is { } kept
            ? (kept, null)
            : await TryConnectAsync(context, host, port, cancellationToken);
        if (failure is not null)
        {
            throw failure;
        }

        // Set here, not on every socket: a plain tcp check only connects and closes, and the option was
        // a system call per check (2.5 % of the main thread's samples in a run of 1,000 tcp checks).
        socket!.NoDelay = true;
        return socket;
    }

    // The tcp subcheck: its failure returned, not thrown (see SubcheckAction).
    private static async Task<CheckFailedException?> ConnectOnlyAsync(CheckContext context, string host, int port, bool handOver, CancellationToken cancellationToken)
    {
        var (socket, failure) = await TryConnectAsync(context, host, port, cancellationToken);
        if (socket is not null && handOver)
        {
            context.Progress.KeepConnection(socket, host, port);
        }
        else
        {
            socket?.Dispose();
        }

        return failure;
    }

    /// <summary>A connected socket, or the failure that says why there is none; a cancelled connect throws.</summary>
    private static async Task<(Socket? Socket, CheckFailedException? Failure)> TryConnectAsync(CheckContext context, string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await context.ResolveAsync(host, cancellationToken);
        var last = SocketError.Success;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            SocketError error;
            try
            {
                context.Progress.ConnectStarted(socket);
                error = await ConnectAttempt.ConnectAsync(socket, new IPEndPoint(address, port), cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (error == SocketError.Success)
            {
                context.Progress.ConnectEnded();
                return (socket, null);
            }

            socket.Dispose();

            // Cancelled (the socket closed under the connect): the connect is still under way as far as the
            // check is concerned, so its timeout is a connect-timeout, whenever the runner looks.
            cancellationToken.ThrowIfCancellationRequested();
            last = error;
        }

        var where = addresses.Length == 1 ? "" : $" (tried {addresses.Length} addresses)";
        context.Progress.ConnectEnded();
        return (null, SocketErrors.Failure(new SocketException((int)last), where));
    }
}
