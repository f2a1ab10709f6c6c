using System.Net.Sockets;
using ConnCheck.Checks;
using RabbitMQ.Client;

namespace ConnCheck.Services.Amqp;

/// <summary>
/// The sockets RabbitMQ.Client opens for one check, closed when the check ends or its token fires.
/// When the token fires in the middle of the handshake the driver stops waiting, but then spends its
/// abort timeout (seconds) waiting for a read loop that only a closed socket ends. Their connects
/// are reported to the check's progress.
/// </summary>
internal sealed class DriverSockets : IDisposable
{
    private readonly List<Socket> _sockets = [];
    private readonly CheckProgress _progress;
    private readonly CancellationTokenRegistration _registration;
    private bool _closed;

    public DriverSockets(CheckProgress progress, CancellationToken cancellationToken)
    {
        _progress = progress;
        _registration = cancellationToken.Register(CloseAll);
    }

    /// <summary>For <see cref="ConnectionFactoryBase.SocketFactory"/>.</summary>
    public ITcpClient Create(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        lock (_sockets)
        {
            if (_closed)
            {
                // Too late: the connect fails at once instead of starting after the check ended.
                socket.Dispose();
            }
            else
            {
                _sockets.Add(socket);
            }
        }

        return new ReportingTcpClient(new TcpClientAdapter(socket), _progress);
    }

    public void Dispose()
    {
        _registration.Dispose();
        CloseAll();
    }

    private void CloseAll()
    {
        lock (_sockets)
        {
            _closed = true;
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }
    }
}
