using System.Net;
using System.Net.Sockets;

namespace ConnCheck.TestPeers.Mongo;

/// <summary>
/// A MongoDB server on loopback as far as a driver can tell: it speaks the real wire protocol
/// (OP_MSG and the legacy OP_QUERY handshake, BSON), SCRAM-SHA-256 and SCRAM-SHA-1 authentication
/// and listCollections, with mongod's error replies. No MongoDB server can be installed on the
/// test machines (no Debian package; the NuGet and npm packages that bundle one download it at run
/// time), so this is what the mongodb check is tested against. Every command is recorded.
/// </summary>
public sealed class MongoWirePeer : IAsyncDisposable
{
    private readonly AcceptLoop _loop;
    private readonly Lock _gate = new();
    private readonly List<MongoPeerCommand> _commands = [];
    private readonly List<MongoPeerLogin> _logins = [];
    private int _connections;
    private int _open;
    private int _requestIds;

    private MongoWirePeer(MongoPeerOptions options, IPAddress? address, int port)
    {
        Options = options;
        _loop = AcceptLoop.Start(address, port, ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    public MongoPeerOptions Options { get; }

    /// <summary>How many connections it has accepted (a driver opens one to monitor the server and one per operation in flight).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How many connections are open now: a client that has been disposed leaves none.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Every command received, in order.</summary>
    public IReadOnlyList<MongoPeerCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Every SASL conversation that ended, in order.</summary>
    public IReadOnlyList<MongoPeerLogin> Logins
    {
        get
        {
            lock (_gate)
            {
                return [.. _logins];
            }
        }
    }

    /// <summary>Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port).</summary>
    public static MongoWirePeer Start(MongoPeerOptions? options = null, IPAddress? address = null, int port = 0) =>
        new(options ?? new MongoPeerOptions(), address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    internal void Record(MongoPeerCommand command)
    {
        lock (_gate)
        {
            _commands.Add(command);
        }
    }

    internal void Record(MongoPeerLogin login)
    {
        lock (_gate)
        {
            _logins.Add(login);
        }
    }

    internal int NextRequestId() => Interlocked.Increment(ref _requestIds);

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        var connectionId = Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _open);
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            if (Options.StallAfterAccept && connectionId > Options.AnsweredConnections)
            {
                var buffer = new byte[4096];
                while (await stream.ReadAsync(buffer, cancellationToken) > 0)
                {
                    // Discarded: the client's handshake is read so it is never blocked on a full window, and never answered.
                }

                return;
            }

            await new MongoPeerConnection(this, connectionId).ServeAsync(stream, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
