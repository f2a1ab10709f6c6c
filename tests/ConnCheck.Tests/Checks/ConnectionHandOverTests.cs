using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Checks.Http;
using ConnCheck.Tests.Services.Sql;

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

        var results = await CheckHarness.RunAsync($"- type: http\n  url: '{url}'\n", selection: Only($"http:{url}:"));

        var request = Assert.Single(results);
        Assert.Equal($"http:{url}:", request.Name);
        Assert.Equal(ResultStatus.Ok, request.Status);
        Assert.Single(peer.Requests);
    }

    [Fact]
    public async Task Run_OnlyTheTcpSubcheckSelected_ConnectionClosedWhenTheCheckEnds()
    {
        await using var server = new HangupWatcher();
        var url = $"http://127.0.0.1:{server.Port}/";

        var results = await CheckHarness.RunAsync($"- type: http\n  url: '{url}'\n", selection: Only("*:tcp:*"));

        Assert.Equal(ResultStatus.Ok, Assert.Single(results).Status);
        await server.HungUp.WaitAsync(ServerLag);
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

    private static Selection Only(string pattern) => new(TagFilter.None, new NamePattern([pattern]));
}
