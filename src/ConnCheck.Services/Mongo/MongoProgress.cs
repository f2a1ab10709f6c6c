using System.Net.Sockets;
using ConnCheck.Checks;
using MongoDB.Driver.Core.Configuration;
using MongoDB.Driver.Core.Events;

namespace ConnCheck.Services.Mongo;

/// <summary>
/// How far the check got — whether a TCP connection was made at all, whether the handshake was
/// answered, whether the connection for the command is open (handshake and authentication done) —
/// from <see cref="MongoWireProbe"/> and the driver's events; and the token the driver's calls take.
/// That token is the check's, and is also cancelled at once when the driver's handshake fails, as the
/// driver would otherwise retry until server selection gives up, and a refused connection would be
/// reported as a timeout.
/// </summary>
internal sealed class MongoProgress : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private Exception? _handshakeFailure;
    private readonly CheckProgress _check;
    private volatile bool _connected;
    private volatile bool _handshakeAnswered;
    private volatile bool _connectionOpened;

    /// <param name="check">The check's progress.</param>
    /// <param name="cancellationToken">The check's token.</param>
    public MongoProgress(CheckProgress check, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _check = check;
    }

    /// <summary>For the driver's calls: cancelled by the check's token, or when the handshake fails.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Why the monitor's first failed handshake failed, or null.</summary>
    public Exception? HandshakeFailure => Volatile.Read(ref _handshakeFailure);

    /// <summary>Whether the connection now awaited (the probe's, then the driver's) is made.</summary>
    public bool Connected => _connected;

    /// <summary>Whether the driver's handshake was answered.</summary>
    public bool HandshakeAnswered => _handshakeAnswered;

    /// <summary>Whether a connection for commands is open, so that what remains is the command itself.</summary>
    public bool ConnectionOpened => _connectionOpened;

    /// <summary>The probe's connection is made: what follows waits for the server to answer.</summary>
    public void ProbeConnected() => _connected = true;

    /// <summary>
    /// The driver starts. It resolves the name and connects on its own, and says nothing until a socket
    /// is connected: a timeout before that is a connect that was never answered.
    /// </summary>
    public void DriverStarting()
    {
        _connected = false;
        _check.ConnectStarted();
    }

    /// <summary>Subscribes to the events of the cluster being built (a <see cref="MongoDB.Driver.MongoClientSettings.ClusterConfigurator"/>).</summary>
    public void Attach(ClusterBuilder builder)
    {
        builder.Subscribe<ServerHeartbeatSucceededEvent>(_ => _handshakeAnswered = true);
        builder.Subscribe<ServerHeartbeatFailedEvent>(OnHeartbeatFailed);
        builder.Subscribe<ConnectionOpenedEvent>(_ => _connectionOpened = true);

        // The driver calls its socket configurator once a socket has connected, before it sends a byte.
        builder.ConfigureTcp(tcp => tcp.With(socketConfigurator: (Action<Socket>)OnSocketConnected));
    }

    public void Dispose() => _stop.Dispose();

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
