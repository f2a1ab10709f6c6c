using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>HTTPS against Apache's mod_ssl, with a certificate from the test servers' throw-away CA.</summary>
public sealed class HttpsTests(TestServers servers) : IClassFixture<TestServers>
{
    private string HttpsHostPort => $"127.0.0.1:{servers.ApacheHttpsPort}";

    [Fact]
    public async Task Run_HttpsTrustedThroughCertsPath_Succeeds()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", servers.CaDirectory);

        var (tcp, request) = run.Check(url, HttpsHostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        Assert.Equal("https", servers.RequestWith(token).Scheme);
    }

    [Fact]
    public async Task Run_HttpsCertWarningDaysBeyondTheCertificate_RequestWarnsNamingItsExpiry()
    {
        var url = servers.Https(servers.RecordPath(TestServers.NewToken()));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  cert_warning_days: 60\n", servers.CaDirectory);

        var (tcp, request) = run.Check(url, HttpsHostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Null(tcp.Certificate);
        CertificateAssert.Warns(request, servers.ApacheCertificate);
    }

    [Fact]
    public async Task Run_HttpsDefaultLimits_RequestCarriesTheServersCertificate()
    {
        var url = servers.Https(servers.RecordPath(TestServers.NewToken()));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", servers.CaDirectory);

        CertificateAssert.UnderDefaults(run.Check(url, HttpsHostPort).Request, servers.ApacheCertificate);
    }

    [Fact]
    public async Task Run_HttpsCertCriticalDaysBeyondTheCertificate_RequestFailsAtTls()
    {
        var url = servers.Https(servers.RecordPath(TestServers.NewToken()));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  cert_critical_days: 60\n", servers.CaDirectory);

        CertificateAssert.Fails(run.Check(url, HttpsHostPort).Request, servers.ApacheCertificate);
    }

    [Fact]
    public async Task Run_HttpsVerificationDisabled_ExpiryStillJudged()
    {
        var url = servers.Https(servers.RecordPath(TestServers.NewToken()));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  disable_tls_verification: true\n  cert_warning_days: 60\n", null);

        CertificateAssert.Warns(run.Check(url, HttpsHostPort).Request, servers.ApacheCertificate);
    }

    [Fact]
    public async Task Run_HttpsByHostName_VerifiesTheName()
    {
        var token = TestServers.NewToken();
        var url = $"https://localhost:{servers.ApacheHttpsPort}{servers.RecordPath(token)}";

        var run = await HttpRun.RunAsync($"- type: https\n  url: '{url}'\n", servers.CaDirectory);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"localhost:{servers.ApacheHttpsPort}").Request.Status);
        Assert.Single(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_HttpsWithoutTheCa_FailsNotTrusted()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var (tcp, request) = run.Check(url, HttpsHostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(FailureStage.Tls, request);
        Assert.StartsWith("TLS certificate not trusted", request.Message, StringComparison.Ordinal);
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_HttpsWithAnotherCa_FailsNotTrusted()
    {
        using var other = TestCertificates.Create("localhost");
        var url = servers.Https(servers.RecordPath(TestServers.NewToken()));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", other.WriteCaDirectory());

        var request = run.Check(url, HttpsHostPort).Request;
        StageAssert.Failed(FailureStage.Tls, request);
        Assert.StartsWith("TLS certificate not trusted", request.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HttpsVerificationDisabled_SucceedsWithoutTheCa()
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  disable_tls_verification: true\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HttpsHostPort).Request.Status);
        Assert.Single(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_HttpsToThePlainHttpPort_FailsTheHandshake()
    {
        var url = $"https://127.0.0.1:{servers.ApacheHttpPort}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", servers.CaDirectory);

        var (tcp, request) = run.Check(url, $"127.0.0.1:{servers.ApacheHttpPort}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(FailureStage.Tls, request);
        Assert.StartsWith("TLS handshake failed", request.Message, StringComparison.Ordinal);
    }
}
