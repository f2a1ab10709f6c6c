using System.Diagnostics;
using System.Text;
using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>The http check against the project's own loopback peers: servers that never answer, answer garbage, or refuse.</summary>
public sealed class HttpPeerTests
{
    private static readonly TimeSpan TimeoutBound = TimeSpan.FromSeconds(4.5);

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task Run_ServerAcceptsAndNeverAnswers_TimesOutWithinBound(string scheme)
    {
        await using var silent = SilentPeer.Start();
        var url = $"{scheme}://127.0.0.1:{silent.Port}/";
        var clock = Stopwatch.StartNew();

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 2\n", null);

        clock.Stop();
        var (tcp, request) = run.Check(url, $"127.0.0.1:{silent.Port}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(FailureStage.Timeout, request);
        Assert.Equal("timed out after 2 s", request.Message);
        Assert.True(clock.Elapsed < TimeoutBound, $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task Run_PortRefused_TcpFailsAndRequestIsSkipped(string scheme)
    {
        var port = ClosedPort.Tcp();
        var url = $"{scheme}://127.0.0.1:{port}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var (tcp, request) = run.Check(url, $"127.0.0.1:{port}");
        StageAssert.Failed(FailureStage.Connect, tcp);
        Assert.Equal("Connection refused", tcp.Message);
        Assert.Equal(ResultStatus.Skipped, request.Status);
    }

    [Fact]
    public void Plan_DefaultPorts_TcpSubcheckNamesThem()
    {
        // Nothing is contacted: names come from the plan.
        var configuration = ConfigurationLoader.Load("- type: http\n  url: 'http://127.0.0.1/x'\n- type: http\n  url: 'https://127.0.0.1/y'\n", "test.yaml");
        var names = configuration.Checks.SelectMany(c => c.Plan()).Select(s => s.Name);

        Assert.Equal(["http:http://127.0.0.1/x:tcp:127.0.0.1:80", "http:http://127.0.0.1/x:", "http:https://127.0.0.1/y:tcp:127.0.0.1:443", "http:https://127.0.0.1/y:"], names);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task Run_ServerAnswersGarbage_FailsTheRequest(string scheme)
    {
        await using var garbage = GarbagePeer.Start(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n"));
        var url = $"{scheme}://127.0.0.1:{garbage.Port}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 5\n", null);

        var (tcp, request) = run.Check(url, $"127.0.0.1:{garbage.Port}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(scheme == "https" ? FailureStage.Tls : FailureStage.Protocol, request);
        Assert.DoesNotContain("timed out", request.Message, StringComparison.Ordinal);
        Assert.StartsWith(scheme == "https" ? "TLS handshake failed" : "invalid HTTP response", request.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HttpsCertificateExpired_FailsAtTlsSayingSo()
    {
        using var certificates = TestCertificates.CreateExpired("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);
        var url = $"https://localhost:{peer.Port}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 5\n", certificates.WriteCaDirectory());

        var (tcp, request) = run.Check(url, $"localhost:{peer.Port}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(FailureStage.Tls, request);
        Assert.StartsWith("TLS certificate not trusted: the certificate has expired", request.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_StatusAndHeadersThenABodyThatNeverCompletes_SucceedsOnTheStatus()
    {
        // The body announced is far longer than what is sent before the peer closes: a check that
        // read the body would fail on the early end; one that needs only the status succeeds.
        var response = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000000000\r\n\r\n" + new string('x', 100_000);
        await using var peer = GarbagePeer.Start(Encoding.ASCII.GetBytes(response));
        var url = $"http://127.0.0.1:{peer.Port}/large";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 5\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"127.0.0.1:{peer.Port}").Request.Status);
    }

    [Fact]
    public async Task Run_ConnectHangs_TcpTimesOutWithinBoundAndRequestIsSkipped()
    {
        using var tarpit = Tarpit.Start();
        var url = $"http://127.0.0.1:{tarpit.Port}/";
        var clock = Stopwatch.StartNew();

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 0.5\n", null);

        clock.Stop();
        var (tcp, request) = run.Check(url, $"127.0.0.1:{tarpit.Port}");
        StageAssert.Failed(FailureStage.ConnectTimeout, tcp);
        Assert.Equal("timed out after 0.5 s", tcp.Message);
        Assert.Equal(ResultStatus.Skipped, request.Status);
        Assert.True(clock.Elapsed < TimeoutBound, $"took {clock.Elapsed}");
    }

    [Fact]
    public void Plan_ProxyHostWithoutPort_TcpSubcheckUsesPort8000()
    {
        var configuration = ConfigurationLoader.Load("- type: http\n  url: 'https://127.0.0.1/x'\n  proxy_host: 127.0.0.1\n", "test.yaml");

        var names = configuration.Checks.SelectMany(c => c.Plan()).Select(s => s.Name);

        Assert.Equal(["http:https://127.0.0.1/x:tcp:127.0.0.1:8000", "http:https://127.0.0.1/x:"], names);
    }

    [Fact]
    public void Plan_ProxyHostIPv6_TcpSubcheckBracketsIt()
    {
        var configuration = ConfigurationLoader.Load("- type: http\n  url: 'http://[::1]:8080/x'\n  proxy_host: '::1'\n  proxy_port: 3128\n", "test.yaml");

        var names = configuration.Checks.SelectMany(c => c.Plan()).Select(s => s.Name);

        Assert.Equal(["http:http://[::1]:8080/x:tcp:[::1]:3128", "http:http://[::1]:8080/x:"], names);
    }
}
