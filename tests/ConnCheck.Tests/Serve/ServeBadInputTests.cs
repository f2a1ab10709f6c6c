using System.Net;
using System.Net.Sockets;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Serve;

/// <summary>Input serve cannot work with: one clear line, exit 3, before it listens or runs anything.</summary>
public sealed class ServeBadInputTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ServeBadInputTests() => _directory.Write("checks.yaml", "- type: tcp\n  host: 127.0.0.1\n  port: 1\n");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("--interval", "0", "conn-check serve: error: argument --interval: expected a number of seconds greater than 0, got '0'")]
    [InlineData("--interval", "-1", "conn-check serve: error: argument --interval: expected a number of seconds greater than 0, got '-1'")]
    [InlineData("--listen", "localhost:9", "conn-check serve: error: argument --listen: expected ADDR:PORT with an IP address and a port from 0 to 65535 (IPv6 in brackets: [::1]:19190), got 'localhost:9'")]
    [InlineData("--listen", "127.0.0.1", "conn-check serve: error: argument --listen: expected ADDR:PORT with an IP address and a port from 0 to 65535 (IPv6 in brackets: [::1]:19190), got '127.0.0.1'")]
    public async Task Serve_BadOption_NamesItAndExits3(string option, string value, string error)
    {
        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["serve", option, value, "checks.yaml"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(error, result.StderrLines[^1]);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Serve_BusyPort_SaysSoAndExits3()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["serve", "--listen", $"127.0.0.1:{port}", "checks.yaml"]);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith($"conn-check serve: error: cannot listen on 127.0.0.1:{port}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AddressOfNoInterface_SaysSoAndExits3()
    {
        // 192.0.2.1 (TEST-NET-1, RFC 5737) is on no interface of this machine.
        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["serve", "--listen", "192.0.2.1:0", "checks.yaml"]);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("conn-check serve: error: cannot listen on 192.0.2.1:0: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ConfigurationThatFailsToLoad_SaysWhereAndExits3()
    {
        _directory.Write("bad.yaml", "- type: tcp\n  host: 127.0.0.1\n");

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["serve", "--listen", "127.0.0.1:0", "bad.yaml"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["bad.yaml:1:3: tcp check is missing required option 'port'"], result.StderrLines);
    }
}
