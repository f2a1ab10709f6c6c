using System.Net.Sockets;
using ConnCheck.Checks;
using MongoDB.Driver.Core.Configuration;
using MongoDB.Driver.Core.Events;

namespace ConnCheck.Services.Mongo;

/// <summary>
/// How far the driver got, from its events — whether a TCP connection was made at all, whether its
/// monitor's handshake was answered, whether the connection for the command is open (handshake and
/// authentication done) — and the token the
/// driver's calls take. That token stops the driver at its own deadline, a little before the
/// check's, so that a timeout can say what was awaited; and at once when the handshake fails, as
/// the driver would otherwise retry until server selection gives up, and a refused connection would
/// be reported as a timeout.
/// </summary>
internal sealed class MongoProgress : IDisposable
{
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _stop;
    private Exception? _handshakeFailure;
    private readonly CheckProgress _check;
    private volatile bool _connected;
    private volatile bool _handshakeAnswered;
    private volatile bool _connectionOpened;

    /// <param name="deadline">How long the driver may take.</param>
    /// <param name="time">The clock <paramref name="deadline"/> is measured on.</param>
    /// <param name="check">The check's progress: the driver connects from now until its first TCP connection is made.</param>
    /// <param name="cancellationToken">The check's token.</param>
    public MongoProgress(TimeSpan deadline, TimeProvider time, CheckProgress check, CancellationToken cancellationToken)
    {
        _deadline = new CancellationTokenSource(deadline, time);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        _check = check;

        // The driver resolves the name and connects on its own, and says nothing until a socket is
        // connected: a timeout before that is a connect that was never answered.
        _check.ConnectStarted();
    }

    /// <summary>For the driver's calls: cancelled by the check's token, at the driver's deadline, or when the handshake fails.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Whether the driver's deadline has passed.</summary>
    public bool TimedOut => _deadline.IsCancellationRequested;

    /// <summary>Why the monitor's first failed handshake failed, or null.</summary>
    public Exception? HandshakeFailure => Volatile.Read(ref _handshakeFailure);

    /// <summary>Whether the driver has made a TCP connection to the server.</summary>
    public bool Connected => _connected;

    public bool HandshakeAnswered => _handshakeAnswered;

    /// <summary>Whether a connection for commands is open, so that what remains is the command itself.</summary>
    public bool ConnectionOpened => _connectionOpened;

    /// <summary>Subscribes to the events of the cluster being built (a <see cref="MongoDB.Driver.MongoClientSettings.ClusterConfigurator"/>).</summary>
    public void Attach(ClusterBuilder builder)
    {
        builder.Subscribe<ServerHeartbeatSucceededEvent>(_ => _handshakeAnswered = true);
        builder.Subscribe<ServerHeartbeatFailedEvent>(OnHeartbeatFailed);
        builder.Subscribe<ConnectionOpenedEvent>(_ => _connectionOpened = true);

        // The driver calls its socket configurator once a socket has connected, before it sends a byte.
        builder.ConfigureTcp(tcp => tcp.With(socketConfigurator: (Action<Socket>)OnSocketConnected));
    }

    public void Dispose()
    {
        _stop.Dispose();
        _deadline.Dispose();
    }

    private void OnSocketConnected(Socket socket)
    {
        _connected = true;
        _check.ConnectEnded();
    }

    private void OnHeartbeatFailed(ServerHeartbeatFailedEvent failed)
    {
        if (Interlocked.CompareExchange(ref _handshakeFailure, failed.Exception, null) is not null)
        {
            return;
        }

        try
        {
            // Not Cancel(): that would run the operation's continuations on the driver's monitor thread.
            _ = _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The check has already ended; the monitor reported late.
        }
    }
}
