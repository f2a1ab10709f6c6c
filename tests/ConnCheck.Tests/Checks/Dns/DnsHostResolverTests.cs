using System.Net;
using ConnCheck.Checks;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Dns;

/// <summary><c>--resolver</c>: names resolved by asking dnsmasq, not the system resolver.</summary>
public sealed class DnsHostResolverTests
{
    private readonly DnsTestServer _server = new();

    private DnsHostResolver Resolver => new(new IPEndPoint(IPAddress.Parse(_server.Host), _server.Port));

    [Fact]
    public async Task ResolveAsync_ThreeAddresses_ReturnsAll()
    {
        var addresses = await Resolver.ResolveAsync(_server["THREE"], CancellationToken.None);

        Assert.Equal(["127.0.0.1", "127.0.0.2", "127.0.0.3"], addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_AAndAaaa_ReturnsBoth()
    {
        var addresses = await Resolver.ResolveAsync(_server["ONE"], CancellationToken.None);

        Assert.Equal(["127.0.0.1", "::1"], addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_Literal_NoLookup()
    {
        var addresses = await Resolver.ResolveAsync("10.1.2.3", CancellationToken.None);

        Assert.Equal([IPAddress.Parse("10.1.2.3")], addresses);
    }

    [Fact]
    public async Task ResolveAsync_UnknownName_FailsWithNxdomain()
    {
        var error = await Assert.ThrowsAsync<CheckFailedException>(() => Resolver.ResolveAsync(_server["NXDOMAIN"], CancellationToken.None));

        Assert.Equal(FailureStage.Resolve, error.Stage);
        Assert.Equal($"DNS resolution failed for {_server["NXDOMAIN"]}: NXDOMAIN from {_server.Address}", error.Message);
        Assert.False(error.Unanswered);
    }

    [Fact]
    public async Task AskAsync_ServerThatNeverAnswers_UnansweredFailure()
    {
        await using var silent = UdpPeer.Start(_ => null, IPAddress.Loopback);
        var server = new IPEndPoint(IPAddress.Loopback, silent.Port);

        var error = await Assert.ThrowsAsync<CheckFailedException>(() => DnsQuery.AskAsync(server, "quiet.example", DnsClient.QueryType.A, TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Equal($"DNS query for quiet.example (A) to 127.0.0.1:{silent.Port} failed: no answer", error.Message);
        Assert.True(error.Unanswered);
    }

    [Fact]
    public async Task TcpCheck_NameOnlyTheResolverKnows_Connects()
    {
        // localhost's name would do through the system resolver; this one exists only in dnsmasq.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await CheckHarness.RunOneAsync($"- {{type: tcp, host: {_server["ONE"]}, port: {port}}}\n", Resolver);

        Assert.Equal(ResultStatus.Ok, result.Status);
    }
}
