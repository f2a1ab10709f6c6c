using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Net;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Dns;

/// <summary><c>ip_version</c>: a check's names resolve to addresses of that family only.</summary>
public sealed class IpVersionTests
{
    private readonly DnsTestServer _server = new();

    private DnsHostResolver Resolver => new(new IPEndPoint(IPAddress.Parse(_server.Host), _server.Port));

    [Theory]
    [InlineData("4", true)]
    [InlineData("6", false)]
    public async Task TcpCheck_NameWithBothFamiliesListenerOnIpv4Only_ConnectsOnlyOverIpv4(string ipVersion, bool ok)
    {
        // one.conn-check.test is 127.0.0.1 and ::1; nothing listens on ::1 at this port.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await CheckHarness.RunOneAsync($"- {{type: tcp, host: {_server["ONE"]}, port: {port}, ip_version: {ipVersion}}}\n", Resolver);

        Assert.Equal(ok ? ResultStatus.Ok : ResultStatus.Failed, result.Status);
    }

    [Fact]
    public async Task TcpCheck_Ipv6OnlyNameWithIpVersion4_FailsAtResolve()
    {
        var result = await CheckHarness.RunOneAsync($"- {{type: tcp, host: {_server["V6"]}, port: 80, ip_version: 4}}\n", Resolver);

        StageAssert.Failed(FailureStage.Resolve, result);
        Assert.Equal($"DNS resolution failed for {_server["V6"]}: no IPv4 addresses (ip_version)", result.Message);
    }

    [Fact]
    public async Task TcpCheck_Ipv4LiteralWithIpVersion6_FailsAtResolve()
    {
        var result = await CheckHarness.RunOneAsync("- {type: tcp, host: 127.0.0.1, port: 80, ip_version: 6}\n");

        StageAssert.Failed(FailureStage.Resolve, result);
        Assert.Equal("127.0.0.1 is not an IPv6 address (ip_version)", result.Message);
    }
}
