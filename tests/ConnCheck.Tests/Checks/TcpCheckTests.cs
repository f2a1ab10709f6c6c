using System.Net;
using System.Runtime.ExceptionServices;
using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

public sealed class TcpCheckTests
{
    private static readonly TimeSpan ServerLag = TimeSpan.FromSeconds(5);

    // Marks what one test runs, wherever its continuations go, among the exceptions other tests throw meanwhile.
    private static readonly AsyncLocal<bool> ThisTest = new();

    [Fact]
    public async Task Run_PeerListening_OkAndPeerAccepted()
    {
        await using var peer = TcpPeer.Start();

        var result = await CheckHarness.RunOneAsync(Tcp("127.0.0.1", peer.Port));

        Assert.Equal($"tcp:127.0.0.1:{peer.Port}", result.Name);
        Assert.Equal($"127.0.0.1:{peer.Port}", result.Info);
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Null(result.Message);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Accepted == 1, ServerLag), $"accepted {peer.Accepted}");
    }

    [Fact]
    public async Task Run_PortClosed_ConnectionRefused()
    {
        var port = ClosedPort.Tcp();

        var result = await CheckHarness.RunOneAsync(Tcp("127.0.0.1", port));

        Assert.Equal($"tcp:127.0.0.1:{port}", result.Name);
        StageAssert.Failed(FailureStage.Connect, result);
        Assert.Equal("Connection refused", result.Message);
    }

    [Fact]
    public async Task Run_PortClosed_FailsWithoutAThrow()
    {
        // A run of many closed ports is mostly these failures; a throw (and each await's rethrow) costs more than the connect.
        var port = ClosedPort.Tcp();
        var thrown = new List<Exception>();
        ThisTest.Value = true;
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (ThisTest.Value)
            {
                lock (thrown)
                {
                    thrown.Add(e.Exception);
                }
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        CheckResult result;
        try
        {
            result = await CheckHarness.RunOneAsync(Tcp("127.0.0.1", port));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        StageAssert.Failed(FailureStage.Connect, result);
        Assert.Equal("Connection refused", result.Message);
        Assert.Empty(thrown);
    }

    [Fact]
    public async Task ConnectAsync_PeerListening_SocketForTheNextStepSendsAtOnce()
    {
        // The checks that go on over the connection (http, smtp, the drivers' own) write small requests.
        await using var peer = TcpPeer.Start();
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System);

        using var socket = await TcpConnector.ConnectAsync(context, "127.0.0.1", peer.Port, CancellationToken.None);

        Assert.True(socket.Connected);
        Assert.True(socket.NoDelay);
    }

    [Theory]
    [InlineData("\"::1\"")]
    [InlineData("\"[::1]\"")]
    public async Task Run_Ipv6Literal_OkWithBracketedName(string host)
    {
        await using var peer = TcpPeer.Start(IPAddress.IPv6Loopback);

        var result = await CheckHarness.RunOneAsync(Tcp(host, peer.Port));

        Assert.Equal($"tcp:[::1]:{peer.Port}", result.Name);
        Assert.Equal($"[::1]:{peer.Port}", result.Info);
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Accepted == 1, ServerLag));
    }

    [Fact]
    public async Task Run_Ipv6LiteralPortClosed_ConnectionRefused()
    {
        var port = ClosedPort.Tcp(IPAddress.IPv6Loopback);

        var result = await CheckHarness.RunOneAsync(Tcp("\"::1\"", port));

        Assert.Equal($"tcp:[::1]:{port}", result.Name);
        StageAssert.Failed(FailureStage.Connect, result);
        Assert.Equal("Connection refused", result.Message);
    }

    [Fact]
    public async Task Run_Localhost_OkWhicheverAddressComesFirst()
    {
        // localhost may resolve to ::1 before 127.0.0.1; the peer is only on 127.0.0.1.
        await using var peer = TcpPeer.Start();

        var result = await CheckHarness.RunOneAsync(Tcp("localhost", peer.Port));

        Assert.Equal($"tcp:localhost:{peer.Port}", result.Name);
        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_NameNotFound_DnsFailureMessage()
    {
        var resolver = new FakeHostResolver(host => throw new CheckFailedException(FailureStage.Resolve, $"DNS resolution failed for {host}: name not found"));

        var result = await CheckHarness.RunOneAsync(Tcp("x", 80), resolver);

        Assert.Equal("tcp:x:80", result.Name);
        StageAssert.Failed(FailureStage.Resolve, result);
        Assert.Equal("DNS resolution failed for x: name not found", result.Message);
        Assert.Equal(["x"], resolver.Asked);
    }

    [Fact]
    public async Task Run_FirstAddressRefusesSecondAccepts_Ok()
    {
        await using var peer = TcpPeer.Start();
        var resolver = new FakeHostResolver(_ => [IPAddress.IPv6Loopback, IPAddress.Loopback]);

        var result = await CheckHarness.RunOneAsync(Tcp("db.test", peer.Port), resolver);

        Assert.Equal($"tcp:db.test:{peer.Port}", result.Name);
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Accepted == 1, ServerLag));
    }

    [Fact]
    public async Task Run_EveryAddressRefuses_RefusedNamingHowManyWereTried()
    {
        var port = ClosedPort.Tcp();
        var resolver = new FakeHostResolver(_ => [IPAddress.IPv6Loopback, IPAddress.Loopback]);

        var result = await CheckHarness.RunOneAsync(Tcp("db.test", port), resolver);

        StageAssert.Failed(FailureStage.Connect, result);
        Assert.Equal("Connection refused (tried 2 addresses)", result.Message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task SystemHostResolver_AddressLiteral_ReturnsItWithoutLookup(string literal)
    {
        var addresses = await SystemHostResolver.Instance.ResolveAsync(literal, CancellationToken.None);

        Assert.Equal([IPAddress.Parse(literal)], addresses);
    }

    [Fact]
    public async Task Run_SeveralChecks_EachReportedOnceUnderItsName()
    {
        await using var peer = TcpPeer.Start();
        var closed = ClosedPort.Tcp();
        var yaml = Tcp("127.0.0.1", peer.Port) + Tcp("127.0.0.1", closed) + Tcp("127.0.0.1", peer.Port);

        var results = await CheckHarness.RunAsync(yaml);

        Assert.Equal(3, results.Count);
        Assert.Equal(2, results.Count(r => r.Name == $"tcp:127.0.0.1:{peer.Port}" && r.Status == ResultStatus.Ok));
        Assert.Single(results, r => r.Name == $"tcp:127.0.0.1:{closed}" && r.Status == ResultStatus.Failed);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Accepted == 2, ServerLag));
    }

    private static string Tcp(string host, int port) => $"""
        - type: tcp
          host: {host}
          port: {port}

        """;
}
