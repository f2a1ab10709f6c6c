using System.Net;
using System.Net.Sockets;
using ConnCheck.Cli;
using ConnCheck.Net;
using ConnCheck.Tests.Checks.Dns;
using ConnCheck.Tests.Cli;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Firewall;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Running;

/// <summary>
/// <c>addresses: all</c> against dnsmasq's three.conn-check.test (127.0.0.1, .2 and .3): listeners on the
/// first two, nothing on the third, as a host with one firewalled address.
/// </summary>
public sealed class AddressExpansionTests : IDisposable
{
    private readonly DnsTestServer _server = new();
    private readonly TcpListener _first;
    private readonly TcpListener _second;
    private readonly TempDirectory _directory = new();

    public AddressExpansionTests()
    {
        _first = new TcpListener(IPAddress.Parse("127.0.0.1"), 0);
        _first.Start();
        Port = ((IPEndPoint)_first.LocalEndpoint).Port;
        _second = new TcpListener(IPAddress.Parse("127.0.0.2"), Port);
        _second.Start();
    }

    private int Port { get; }

    private string Three => _server["THREE"];

    [Fact]
    public async Task Run_PlainCheck_OkThroughTheFirstAddressThatAnswers()
    {
        var run = await RunAsync($"- {{type: tcp, host: {Three}, port: {Port}}}\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"tcp:{Three}:{Port} OK"], run.StdoutLines);
    }

    [Fact]
    public async Task Run_AllAddresses_FailsExactlyTheAddressWithNothingListening()
    {
        var run = await RunAsync($"- {{type: tcp, host: {Three}, port: {Port}, addresses: all}}\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [
                $"tcp:{Three}:{Port}@127.0.0.3 FAILED - ({Three}:{Port}) Connection refused",
                $"tcp:{Three}:{Port}@127.0.0.1 OK",
                $"tcp:{Three}:{Port}@127.0.0.2 OK",
            ],
            run.StdoutLines);
    }

    [Fact]
    public async Task Run_AllAddressesOfIpv4AndIpv6Name_Ipv6InBrackets()
    {
        var run = await RunAsync($"- {{type: tcp, host: {_server["ONE"]}, port: {Port}, addresses: all}}\n");

        Assert.Contains($"tcp:{_server["ONE"]}:{Port}@127.0.0.1 OK", run.StdoutLines);
        Assert.Contains(run.StdoutLines, line => line.StartsWith($"tcp:{_server["ONE"]}:{Port}@[::1] FAILED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_HttpAllAddresses_EachAddressItsOwnSubchecks()
    {
        _first.Stop();
        _second.Stop();
        await using var first = HttpPeer.Start(_ => new HttpPeerAnswer(200), IPAddress.Parse("127.0.0.1"), Port);
        await using var second = HttpPeer.Start(_ => new HttpPeerAnswer(200), IPAddress.Parse("127.0.0.2"), Port);

        var run = await RunAsync($"- {{type: http, url: 'http://{Three}:{Port}/', addresses: all}}\n");

        Assert.Equal(2, run.ExitCode);
        var url = $"http://{Three}:{Port}/";
        Assert.Equal(
            [
                $"SKIPPED: http:{url}:@127.0.0.3",
                $"http:{url}:@127.0.0.1 OK",
                $"http:{url}:@127.0.0.2 OK",
                $"http:{url}:tcp:{Three}:{Port}@127.0.0.1 OK",
                $"http:{url}:tcp:{Three}:{Port}@127.0.0.2 OK",
                $"http:{url}:tcp:{Three}:{Port}@127.0.0.3 FAILED - ({Three}:{Port}) Connection refused",
            ],
            run.StdoutLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExportFw_AllAddresses_OneRulePerAddress()
    {
        var resolver = new DnsHostResolver(new IPEndPoint(IPAddress.Parse(_server.Host), _server.Port));
        _directory.Write("checks.yaml", $"- {{type: tcp, host: {Three}, port: {Port}, addresses: all}}\n");
        var path = System.IO.Path.Combine(_directory.Path, "checks.yaml");

        var (exit, stdout, _) = await ExportFwCommandTests.RunWithAsync(AppEnvironment.System with { Resolver = resolver, Fqdn = new ExportFwFixedFqdn("app1.example") }, "export-fw", path);

        Assert.Equal(0, exit);
        foreach (var address in new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" })
        {
            Assert.Contains($"to_host: {address}", stdout, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Three, stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _first.Stop();
        _second.Stop();
        _directory.Dispose();
    }

    private async Task<AppRun> RunAsync(string yaml)
    {
        _directory.Write("checks.yaml", yaml);
        return await AppRun.RunAsync("--resolver", _server.Address, System.IO.Path.Combine(_directory.Path, "checks.yaml"));
    }
}
