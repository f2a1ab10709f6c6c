using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using RabbitMQ.Client;

namespace ConnCheck.Services.Amqp;

/// <summary>
/// The driver's socket, telling the check's progress while its connect is under way: the driver
/// connects on its own, and a timeout then is a connect that was never answered (connect-timeout).
/// </summary>
internal sealed class ReportingTcpClient(ITcpClient inner, CheckProgress progress) : ITcpClient
{
    public bool Connected => inner.Connected;

    public TimeSpan ReceiveTimeout
    {
        get => inner.ReceiveTimeout;
        set => inner.ReceiveTimeout = value;
    }

    public Socket Client => inner.Client;

    public async Task ConnectAsync(IPAddress host, int port, CancellationToken cancellationToken = default)
    {
        progress.ConnectStarted(inner.Client);
        try
        {
            await inner.ConnectAsync(host, port, cancellationToken);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            // Refused or unreachable: over. A cancelled connect, though, was still under way.
            progress.ConnectEnded();
            throw;
        }

        progress.ConnectEnded();
    }

    public NetworkStream GetStream() => inner.GetStream();

    public void Close() => inner.Close();

    public void Dispose() => inner.Dispose();
}
