using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

/// <summary>The stage a check's timeout stops at, from what the check reported it was doing.</summary>
public sealed class CheckProgressTests
{
    [Fact]
    public void TimeoutStage_NothingUnderWay_Timeout()
    {
        Assert.Equal(FailureStage.Timeout, new CheckProgress().TimeoutStage);
    }

    [Fact]
    public void TimeoutStage_LookupUnderWay_ResolveUntilItEnds()
    {
        var progress = new CheckProgress();

        progress.ResolveStarted();
        Assert.Equal(FailureStage.Resolve, progress.TimeoutStage);

        progress.ResolveEnded();
        Assert.Equal(FailureStage.Timeout, progress.TimeoutStage);
    }

    [Fact]
    public void TimeoutStage_ConnectWithoutItsSocket_ConnectTimeoutUntilItEnds()
    {
        var progress = new CheckProgress();

        progress.ResolveStarted();
        progress.ConnectStarted();
        progress.ResolveEnded();
        Assert.Equal(FailureStage.ConnectTimeout, progress.TimeoutStage);

        progress.ConnectEnded();
        Assert.Equal(FailureStage.Timeout, progress.TimeoutStage);
    }

    [Fact]
    public async Task TimeoutStage_SocketStillInSynSent_ConnectTimeout()
    {
        using var tarpit = Tarpit.Start();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var progress = new CheckProgress();
        progress.ConnectStarted(socket);
        using var stop = new CancellationTokenSource();
        var connect = socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, tarpit.Port), stop.Token).AsTask();

        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(connect.IsCompleted);
        Assert.Equal(FailureStage.ConnectTimeout, progress.TimeoutStage);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);
        Assert.Equal(FailureStage.ConnectTimeout, progress.TimeoutStage);
    }

    [Fact]
    public async Task TimeoutStage_SocketConnectedButNotYetReported_Timeout()
    {
        // The kernel has answered; the code awaiting the connect has not run yet (a busy machine).
        await using var peer = TcpPeer.Start();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var progress = new CheckProgress();
        progress.ConnectStarted(socket);

        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, peer.Port));

        Assert.Equal(FailureStage.Timeout, progress.TimeoutStage);
    }

    [Fact]
    public void TimeoutStage_SocketClosedByTheCancellation_ConnectTimeout()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var progress = new CheckProgress();
        progress.ConnectStarted(socket);

        socket.Dispose();

        Assert.Equal(FailureStage.ConnectTimeout, progress.TimeoutStage);
    }

    [Fact]
    public void TakeConnection_WhereItWasKept_OnceOnly()
    {
        var progress = new CheckProgress();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        progress.KeepConnection(socket, "[::1]", 443);

        Assert.Null(progress.TakeConnection("::1", 80));
        Assert.Same(socket, progress.TakeConnection("::1", 443));
        Assert.Null(progress.TakeConnection("::1", 443));
    }

    [Fact]
    public void Ended_ConnectionNotTaken_Closed()
    {
        var progress = new CheckProgress();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        progress.KeepConnection(socket, "127.0.0.1", 80);

        progress.Ended();

        Assert.True(socket.SafeHandle.IsClosed);
        Assert.Null(progress.TakeConnection("127.0.0.1", 80));
    }

    [Fact]
    public void KeepConnection_AfterTheCheckEnded_ClosedAtOnce()
    {
        var progress = new CheckProgress();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        progress.Ended();

        progress.KeepConnection(socket, "127.0.0.1", 80);

        Assert.True(socket.SafeHandle.IsClosed);
        Assert.Null(progress.TakeConnection("127.0.0.1", 80));
    }
}
