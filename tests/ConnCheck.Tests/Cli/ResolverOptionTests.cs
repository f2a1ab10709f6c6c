using System.Net;
using System.Net.Sockets;
using ConnCheck.Tests.Checks.Dns;
using ConnCheck.Tests.Configuration;

namespace ConnCheck.Tests.Cli;

/// <summary><c>--resolver ADDR[:PORT]</c>: every check's names through one DNS server (dnsmasq here).</summary>
public sealed class ResolverOptionTests
{
    private const string UsageLine = "usage: conn-check [options] CONFIG_FILE [PATTERN ...]";

    private readonly DnsTestServer _server = new();

    [Fact]
    public async Task RunAsync_NameOnlyTheResolverKnows_Ok()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var directory = new EndToEnd.TempDirectory();
        directory.Write("checks.yaml", $"- {{type: tcp, host: {_server["THREE"]}, port: {port}}}\n- {{type: dns, host: {_server["TXT"]}, record: TXT, expect: 'hello world'}}\n");

        var run = await AppRun.RunAsync("--resolver", _server.Address, System.IO.Path.Combine(directory.Path, "checks.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"dns:{_server["TXT"]}:TXT OK", $"tcp:{_server["THREE"]}:{port} OK"], run.StdoutLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_UnknownNameThroughResolver_FailsWithNxdomain()
    {
        using var directory = new EndToEnd.TempDirectory();
        directory.Write("checks.yaml", $"- {{type: tcp, host: {_server["NXDOMAIN"]}, port: 80}}\n");

        var run = await AppRun.RunAsync("--resolver", _server.Address, System.IO.Path.Combine(directory.Path, "checks.yaml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"tcp:{_server["NXDOMAIN"]}:80 FAILED - ({_server["NXDOMAIN"]}:80) DNS resolution failed for {_server["NXDOMAIN"]}: NXDOMAIN from {_server.Address}"], run.StdoutLines);
    }

    [Theory]
    [InlineData("postgres", "postgres")]
    [InlineData("mysql", "mariadb")]
    public async Task RunAsync_LoginToANameOnlyTheResolverKnows_TheDriverIsGivenTheAddress(string type, string server)
    {
        var login = Login(type, server);
        using var directory = new EndToEnd.TempDirectory();
        directory.Write("checks.yaml", $"- {{{login}, host: {_server["ONE"]}, ip_version: 4}}\n");

        var run = await AppRun.RunAsync("--resolver", _server.Address, System.IO.Path.Combine(directory.Path, "checks.yaml"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains($"{type}:{_server["ONE"]}:{TestServer(server)["PORT"]} OK", run.StdoutLines);
    }

    [Theory]
    [InlineData("postgres", "postgres")]
    [InlineData("mysql", "mariadb")]
    public async Task RunAsync_LoginWithAddressesAll_EachAddressLogsInThere(string type, string server)
    {
        var login = Login(type, server);
        var port = TestServer(server)["PORT"];
        var three = _server["THREE"];
        using var directory = new EndToEnd.TempDirectory();
        directory.Write("checks.yaml", $"- {{{login}, host: {three}, addresses: all}}\n");

        var run = await AppRun.RunAsync("--resolver", _server.Address, System.IO.Path.Combine(directory.Path, "checks.yaml"));

        // The server listens on 127.0.0.1 only: there the login is made, the other two are refused at connect.
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{type}:{three}:{port}@127.0.0.1 OK", run.StdoutLines);
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"tcp:{three}:{port}@127.0.0.2 FAILED", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith($"tcp:{three}:{port}@127.0.0.3 FAILED", StringComparison.Ordinal));
    }

    private static IReadOnlyDictionary<string, string> TestServer(string name) => Services.TestServer.Settings(name);

    private static string Login(string type, string server)
    {
        var settings = TestServer(server);
        return $"type: {type}, port: {settings["PORT"]}, username: {settings["USER"]}, password: '{settings["PASSWORD"]}', database: {settings["DATABASE"]}";
    }

    [Theory]
    [InlineData("dns.example.com")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:x")]
    [InlineData("")]
    public async Task RunAsync_BadResolver_IsAUsageError(string resolver)
    {
        var run = await AppRun.RunAsync("--resolver", resolver, "--dry-run", TestFiles.PathOf("cli", "checks.yaml"));

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([UsageLine, $"conn-check: error: argument --resolver: expected an IP address with an optional port (ADDR[:PORT]), got '{resolver}'"], run.StderrLines);
    }
}
