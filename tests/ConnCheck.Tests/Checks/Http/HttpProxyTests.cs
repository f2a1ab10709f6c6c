using System.Text.RegularExpressions;
using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// Requests through squid, proven by squid's access log: plain HTTP as a proxied GET, HTTPS as a
/// CONNECT tunnel. Each test finds its own lines by a User-Agent only it sends (squid logs it for
/// CONNECT too, because the client copies it onto the CONNECT request).
/// </summary>
public sealed class HttpProxyTests(TestServers servers) : IClassFixture<TestServers>
{
    private string SquidHostPort => $"127.0.0.1:{servers.SquidPort}";

    [Fact]
    public async Task Run_ProxyHostAndPortPlainHttp_GoesThroughSquid()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_host: 127.0.0.1\n  proxy_port: {servers.SquidPort}\n", null);

        var (tcp, request) = run.Check(url, SquidHostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        AssertForwarded(await servers.SquidLineAsync(url), servers.SquidPort, url);
        Assert.Contains("conn-check-test-squid", servers.RequestWith(token).Header("Via"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ProxyPortAsString_IsAccepted()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_host: localhost\n  proxy_port: '{servers.SquidPort}'\n", null);

        var (tcp, request) = run.Check(url, $"localhost:{servers.SquidPort}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        await servers.SquidLineAsync($"GET {url} ");
    }

    [Fact]
    public async Task Run_ProxyUrlPlainHttp_GoesThroughSquid()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'http://127.0.0.1:{servers.SquidPort}'\n", null);

        var (tcp, request) = run.Check(url, SquidHostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        AssertForwarded(await servers.SquidLineAsync(url), servers.SquidPort, url);
    }

    [Fact]
    public async Task Run_ProxyUrlHttps_TunnelsWithConnect()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'http://127.0.0.1:{servers.SquidPort}'\n  headers: {{User-Agent: ua-{token}}}\n", servers.CaDirectory);

        var (tcp, request) = run.Check(url, SquidHostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        var line = await servers.SquidLineAsync($"ua-{token}");
        Assert.Contains($" {servers.SquidPort} TCP_TUNNEL/200 CONNECT 127.0.0.1:{servers.ApacheHttpsPort} ", line, StringComparison.Ordinal);

        // Through the tunnel squid saw no request line; Apache did.
        Assert.DoesNotContain(token, line.Replace($"ua-{token}", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("https", servers.RequestWith(token).Scheme);
    }

    [Fact]
    public async Task Run_ProxyHostAndPortHttps_TunnelsWithConnect()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_host: 127.0.0.1\n  proxy_port: {servers.SquidPort}\n  headers: {{User-Agent: ua-{token}}}\n", servers.CaDirectory);

        Assert.Equal(ResultStatus.Ok, run.Check(url, SquidHostPort).Request.Status);
        await servers.SquidLineAsync($"CONNECT 127.0.0.1:{servers.ApacheHttpsPort} ", $"ua-{token}");
    }

    [Fact]
    public async Task Run_ProxyUrlWithCredentials_AuthenticatesToSquid()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));
        var proxy = $"http://{servers.ProxyUser}:{servers.ProxyPassword}@127.0.0.1:{servers.SquidAuthPort}";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: '{proxy}'\n", null);

        var (tcp, request) = run.Check(url, $"127.0.0.1:{servers.SquidAuthPort}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        AssertForwarded(await servers.SquidLineAsync(url, "TCP_MISS"), servers.SquidAuthPort, url, servers.ProxyUser);

        // Proxy credentials are for the proxy: the origin server never sees them.
        var recorded = servers.RequestWith(token);
        Assert.Null(recorded.Header("Proxy-Authorization"));
        Assert.Null(recorded.Header("Authorization"));
    }

    [Fact]
    public async Task Run_ProxyUrlWithCredentialsHttps_AuthenticatesTheConnect()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));
        var proxy = $"http://{servers.ProxyUser}:{servers.ProxyPassword}@127.0.0.1:{servers.SquidAuthPort}";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: '{proxy}'\n  headers: {{User-Agent: ua-{token}}}\n", servers.CaDirectory);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"127.0.0.1:{servers.SquidAuthPort}").Request.Status);
        await servers.SquidLineAsync($"TCP_TUNNEL/200 CONNECT 127.0.0.1:{servers.ApacheHttpsPort} {servers.ProxyUser} ", $"ua-{token}");
    }

    [Fact]
    public async Task Run_AuthProxyWithoutCredentials_FailsWith407()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'http://127.0.0.1:{servers.SquidAuthPort}'\n", null);

        var (tcp, request) = run.Check(url, $"127.0.0.1:{servers.SquidAuthPort}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(FailureStage.Auth, request);
        Assert.Equal("Unexpected response code: 407", request.Message);
        Assert.Contains("TCP_DENIED/407", await servers.SquidLineAsync(url), StringComparison.Ordinal);
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_AuthProxyWrongPassword_FailsWith407()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'http://{servers.ProxyUser}:wrong-password@127.0.0.1:{servers.SquidAuthPort}'\n", null);

        var request = run.Check(url, $"127.0.0.1:{servers.SquidAuthPort}").Request;
        StageAssert.Failed(FailureStage.Auth, request);
        Assert.Equal("Unexpected response code: 407", request.Message);
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_AuthProxyWithoutCredentialsHttps_FailsTheTunnel()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'http://127.0.0.1:{servers.SquidAuthPort}'\n  headers: {{User-Agent: ua-{token}}}\n", servers.CaDirectory);

        var request = run.Check(url, $"127.0.0.1:{servers.SquidAuthPort}").Request;
        StageAssert.Failed(FailureStage.Auth, request);
        Assert.Equal($"proxy refused the tunnel with status 407 (proxy 127.0.0.1:{servers.SquidAuthPort})", request.Message);
        await servers.SquidLineAsync("TCP_DENIED/407 CONNECT", $"ua-{token}");
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_HttpsProxyUrl_SpeaksTlsToTheProxy()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'https://localhost:{servers.SquidTlsPort}'\n", servers.CaDirectory);

        var (tcp, request) = run.Check(url, $"localhost:{servers.SquidTlsPort}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        AssertForwarded(await servers.SquidLineAsync(url), servers.SquidTlsPort, url);
    }

    [Fact]
    public async Task Run_HttpsProxyUrlToHttpsSite_TunnelsInsideTls()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'https://localhost:{servers.SquidTlsPort}'\n  headers: {{User-Agent: ua-{token}}}\n", servers.CaDirectory);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"localhost:{servers.SquidTlsPort}").Request.Status);
        await servers.SquidLineAsync($" {servers.SquidTlsPort} TCP_TUNNEL/200 CONNECT 127.0.0.1:{servers.ApacheHttpsPort} ", $"ua-{token}");
        Assert.Single(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_HttpsProxyNotTrusted_FailsOnTheProxyCertificate()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_url: 'https://localhost:{servers.SquidTlsPort}'\n", null);

        var request = run.Check(url, $"localhost:{servers.SquidTlsPort}").Request;
        StageAssert.Failed(FailureStage.Tls, request);
        Assert.StartsWith("TLS certificate not trusted", request.Message, StringComparison.Ordinal);
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_ProxyUrlAndProxyHost_ProxyUrlWinsAndHostPortAreIgnored()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        // proxy_host/proxy_port name a port nothing listens on: used, they would fail the check.
        var run = await HttpRun.RunAsync(
            $"- type: http\n  url: '{url}'\n  proxy_url: 'http://127.0.0.1:{servers.SquidPort}'\n  proxy_host: 127.0.0.2\n  proxy_port: {ClosedPort.Tcp()}\n",
            null);

        var (tcp, request) = run.Check(url, SquidHostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        await servers.SquidLineAsync($"GET {url} ");
    }

    [Fact]
    public async Task Run_ProxyRefusesConnections_TcpFailsAndRequestIsSkipped()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));
        var port = ClosedPort.Tcp();

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  proxy_host: 127.0.0.1\n  proxy_port: {port}\n", null);

        var (tcp, request) = run.Check(url, $"127.0.0.1:{port}");
        StageAssert.Failed(FailureStage.Connect, tcp);
        Assert.Equal("Connection refused", tcp.Message);
        Assert.Equal(ResultStatus.Skipped, request.Status);
        Assert.Empty(servers.RequestsWith(token));
    }

    /// <summary>
    /// The access log line of a GET squid forwarded for <paramref name="user"/> ("-": none), received
    /// on <paramref name="port"/>. Squid says MISS_ABORTED when the client hangs up once it has the
    /// status, before the body, which is what the check does.
    /// </summary>
    private static void AssertForwarded(string line, int port, string url, string user = "-") =>
        Assert.Matches($@"^\S+ 127\.0\.0\.1 {port} TCP_MISS(_ABORTED)?/200 GET {Regex.Escape(url)} {Regex.Escape(user)} ", line);
}
