using System.Net;
using System.Net.Sockets;
using ConnCheck.Tests.Checks.Dns;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Serve;

/// <summary>serve with <c>addresses: all</c> and <c>--resolver</c>: one metric per address of dnsmasq's three.conn-check.test.</summary>
public sealed class ServeAddressesTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly DnsTestServer _server = new();
    private readonly TcpListener _first = new(IPAddress.Parse("127.0.0.1"), 0);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Serve_AllAddresses_OneResultPerAddress()
    {
        _first.Start();
        var port = ((IPEndPoint)_first.LocalEndpoint).Port;
        var three = _server["THREE"];
        _directory.Write("checks.yaml", $"- {{type: tcp, host: {three}, port: {port}, addresses: all}}\n");

        using var serve = await ServeProcess.StartAsync(_directory.Path, "--resolver", _server.Address, "--interval", "3600", "checks.yaml");
        using var notReady = await serve.WaitForAsync("/ready", HttpStatusCode.ServiceUnavailable, Bound);

        var metrics = await serve.Client.GetStringAsync("/metrics");
        Assert.Contains($"conn_check_up{{name=\"tcp:{three}:{port}@127.0.0.1\",type=\"tcp\",host=\"{three}\",port=\"{port}\"}} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"conn_check_up{{name=\"tcp:{three}:{port}@127.0.0.2\",type=\"tcp\",host=\"{three}\",port=\"{port}\"}} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"conn_check_up{{name=\"tcp:{three}:{port}@127.0.0.3\",type=\"tcp\",host=\"{three}\",port=\"{port}\"}} 0\n", metrics, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _first.Stop();
        _directory.Dispose();
    }
}
