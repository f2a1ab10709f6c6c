using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Checks.Http;

namespace ConnCheck.Tests.Checks;

/// <summary>
/// A check whose next step connects to where its tcp subcheck did uses the tcp subcheck's connection:
/// one connection per check, and none left open once the check has ended.
/// </summary>
public sealed class ConnectionHandOverTests
{
    private static readonly TimeSpan ServerLag = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Run_HttpCheck_RequestGoesOverTheTcpSubchecksConnection()
    {
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200));
        var url = $"{peer.Origin}/health";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var (tcp, request) = run.Check(url, $"127.0.0.1:{peer.Port}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        Assert.Single(peer.Requests);
        Assert.Equal(1, peer.Accepted);
    }

    [Fact]
    public async Task Run_OnlyTheRequestSelected_ConnectsItself()
    {
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200));
        var url = $"{peer.Origin}/health";

        var results = await RunSelectedAsync($"- type: http\n  url: '{url}'\n", $"http:{url}:");

        var request = Assert.Single(results);
        Assert.Equal($"http:{url}:", request.Name);
        Assert.Equal(ResultStatus.Ok, request.Status);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task Run_OnlyTheTcpSubcheckSelected_ConnectionClosedWhenTheCheckEnds()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var url = $"http://127.0.0.1:{port}/";

        var results = await RunSelectedAsync($"- type: http\n  url: '{url}'\n", "*:tcp:*");

        Assert.Equal(ResultStatus.Ok, Assert.Single(results).Status);
        using var accepted = await listener.AcceptAsync();
        using var limit = new CancellationTokenSource(ServerLag);
        Assert.Equal(0, await accepted.ReceiveAsync(new byte[16], SocketFlags.None, limit.Token));
    }

    [Fact]
    public async Task ConnectAsync_AfterTheTcpSubcheckHandedOver_SameConnection()
    {
        await using var peer = TcpPeer.Start();
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System).ForCheck(TimeSpan.FromSeconds(5));
        var tcp = TcpConnector.Subcheck("127.0.0.1", peer.Port, handOver: true);

        await tcp.Run(context, CancellationToken.None);
        using var socket = await TcpConnector.ConnectAsync(context, "127.0.0.1", peer.Port, CancellationToken.None);
        using var another = await TcpConnector.ConnectAsync(context, "127.0.0.1", peer.Port, CancellationToken.None);

        Assert.True(socket.NoDelay);
        Assert.NotEqual(socket.LocalEndPoint, another.LocalEndPoint);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Accepted == 2, ServerLag));
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, peer.Accepted);
    }

    [Fact]
    public async Task Subcheck_WithoutHandOver_KeepsNothing()
    {
        await using var peer = TcpPeer.Start();
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System).ForCheck(TimeSpan.FromSeconds(5));

        await TcpConnector.Subcheck("127.0.0.1", peer.Port).Run(context, CancellationToken.None);

        Assert.Null(context.Progress.TakeConnection("127.0.0.1", peer.Port));
    }

    private static async Task<IReadOnlyList<CheckResult>> RunSelectedAsync(string yaml, string pattern)
    {
        var configuration = ConfigurationLoader.Load(yaml, "test.yaml");
        var observer = new CollectingObserver(null);
        var runner = new CheckRunner(new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System));
        await runner.RunAsync(new Selection(TagFilter.None, new NamePattern([pattern])).Apply(configuration.Checks), new RunOptions(), observer);
        return observer.Results;
    }
}
