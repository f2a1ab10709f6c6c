using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

public sealed class TarpitTests
{
    [Fact]
    public async Task Connect_ToTarpit_DoesNotCompleteWithinOneSecond()
    {
        using var tarpit = Tarpit.Start();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, tarpit.Port), limit.Token).AsTask());

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {clock.Elapsed}");
    }

    [Fact]
    public async Task Dispose_Tarpit_PortRefusesAfterwards()
    {
        int port;
        using (var tarpit = Tarpit.Start())
        {
            port = tarpit.Port;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }
}
