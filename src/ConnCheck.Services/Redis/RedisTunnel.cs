using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace ConnCheck.Services.Redis;

/// <summary>
/// Opens the driver's connection itself, through <see cref="TcpConnector"/>: the check's own name
/// resolution and error messages, and a connection that is ours to close when the check's token fires
/// (the driver's connect takes no token). It opens one connection per check, never a second: the driver
/// would otherwise reconnect in the background after a failure.
/// </summary>
internal sealed class RedisTunnel : Tunnel, IDisposable
{
    // The driver asks for a connection a second time right after a first one failed at once (a refused
    // connect), and only then starts to wait for the outcome; a refusal of that second request reported
    // before it waits would leave it waiting until its connect timeout. Refusing a moment later lets it see.
    private static readonly TimeSpan RefusalDelay = TimeSpan.FromMilliseconds(50);

    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CheckContext _context;
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _registration;
    private readonly Lock _gate = new();
    private bool _opened;
    private bool _closed;
    private RecordingStream? _stream;

    private readonly RedisTls? _tls;

    // tls: TLS over the connection, when the check asks for it; the handshake is ours, not the driver's.
    public RedisTunnel(CheckContext context, string host, int port, CancellationToken cancellationToken, RedisTls? tls = null)
    {
        _tls = tls;
        _context = context;
        _host = host;
        _port = port;
        _cancellationToken = cancellationToken;
        _registration = cancellationToken.Register(Close);
    }

    /// <summary>Why the connection could not be opened, when it could not.</summary>
    public CheckFailedException? ConnectFailure { get; private set; }

    /// <summary>Completes when the connection could not be opened (<see cref="ConnectFailure"/> says why).</summary>
    public Task Failed => _failed.Task;

    /// <summary>The connection, once opened: what the server sent, for messages.</summary>
    public RecordingStream? Connection
    {
        get
        {
            lock (_gate)
            {
                return _stream;
            }
        }
    }

    // No socket for the driver to connect: it takes the stream that BeforeAuthenticateAsync returns.
    public override ValueTask<EndPoint?> GetSocketConnectEndpointAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult<EndPoint?>(null);

    public override async ValueTask<Stream?> BeforeAuthenticateAsync(EndPoint endpoint, ConnectionType connectionType, Socket? socket, CancellationToken cancellationToken)
    {
        bool again;
        lock (_gate)
        {
            again = _opened || _closed;
            _opened = true;
        }

        if (again)
        {
            await Task.Delay(RefusalDelay, CancellationToken.None);
            throw new IOException("conn-check opens one connection per check and does not reconnect");
        }

        Socket connected;
        try
        {
            connected = await TcpConnector.ConnectAsync(_context, _host, _port, _cancellationToken);
        }
        catch (CheckFailedException e)
        {
            ConnectFailure = e;
            _failed.TrySetResult();
            throw;
        }

        Stream transport;
        if (_tls is { } tls)
        {
            try
            {
                transport = await TlsConnector.HandshakeAsync(_context, connected, _host, tls.Verify, new TlsClientOptions(tls.ServerName, null), awaitVerdict: false, _cancellationToken);
            }
            catch (CheckFailedException e)
            {
                ConnectFailure = e;
                _failed.TrySetResult();
                throw;
            }
        }
        else
        {
            transport = new NetworkStream(connected, ownsSocket: true);
        }

        var stream = new RecordingStream(transport);
        lock (_gate)
        {
            if (!_closed)
            {
                _stream = stream;
                return stream;
            }
        }

        await stream.DisposeAsync();
        throw new OperationCanceledException(_cancellationToken);
    }

    public void Dispose()
    {
        _registration.Dispose();
        Close();
    }

    private void Close()
    {
        RecordingStream? stream;
        lock (_gate)
        {
            _closed = true;
            stream = _stream;
        }

        stream?.Dispose();
    }
}
