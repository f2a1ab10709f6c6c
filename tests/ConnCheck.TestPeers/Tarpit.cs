using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers;

/// <summary>
/// A TCP port on 127.0.0.1 where connect() hangs: a listener with a backlog of 0 whose accept queue
/// is already full of its own connections, which it never accepts. Linux drops a SYN to a listener
/// whose accept queue is full, so a client sees neither an answer nor a refusal, as behind a
/// firewall that drops packets.
/// </summary>
public sealed class Tarpit : IDisposable
{
    private const int MaxFillers = 16;
    private static readonly TimeSpan ConnectProbe = TimeSpan.FromMilliseconds(300);

    private readonly Socket _listener;
    private readonly List<Socket> _fillers;

    private Tarpit(Socket listener, List<Socket> fillers)
    {
        _listener = listener;
        _fillers = fillers;
    }

    /// <summary>The port where connections hang.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Starts a tarpit on 127.0.0.1 and a free port; throws if the system will not make connects hang.</summary>
    public static Tarpit Start()
    {
        var listener = PeerSockets.Bind(IPAddress.Loopback, 0, SocketType.Stream);
        var fillers = new List<Socket>();
        try
        {
            listener.Listen(0);
            var endPoint = (IPEndPoint)listener.LocalEndPoint!;

            // Connect until one connect does not complete: from then on the queue is full.
            for (var i = 0; i < MaxFillers; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                if (ConnectsWithin(filler, endPoint, ConnectProbe))
                {
                    fillers.Add(filler);
                    continue;
                }

                filler.Dispose();
                if (fillers.Count > 0)
                {
                    return new Tarpit(listener, fillers);
                }
            }
        }
        catch
        {
            Close(listener, fillers);
            throw;
        }

        Close(listener, fillers);
        throw new InvalidOperationException($"Tarpit: {MaxFillers} connections did not fill the accept queue of a listener with backlog 0");
    }

    public void Dispose() => Close(_listener, _fillers);

    private static bool ConnectsWithin(Socket socket, EndPoint endPoint, TimeSpan limit)
    {
        try
        {
            socket.Connect(endPoint);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // Non-blocking connect in progress: it completes when the socket becomes writable.
        }

        return socket.Poll(limit, SelectMode.SelectWrite) && !socket.Poll(TimeSpan.Zero, SelectMode.SelectError);
    }

    private static void Close(Socket listener, List<Socket> fillers)
    {
        foreach (var filler in fillers)
        {
            filler.Dispose();
        }

        listener.Dispose();
    }
}
