using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks.Http;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Services.Amqp;
using ConnCheck.Tests.Services.Postgres;
using ConnCheck.Tests.Services.Smtp;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

/// <summary>server_name: the name a TLS handshake asks for (SNI) and verifies, in place of the host connected to.</summary>
public sealed class ServerNameTests(TestServers servers) : IClassFixture<TestServers>
{
    private const string Mismatch = "TLS certificate name mismatch: the certificate is not valid for other.example";

    [Fact]
    public async Task Run_TlsCheckServerName_SentAsSniAndVerified()
    {
        using var certificates = TestCertificates.Create("service.example");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(
            $"- type: tls\n  host: 127.0.0.1\n  port: {peer.Port}\n  server_name: service.example\n", caDirectory: certificates.WriteCaDirectory());

        Assert.True(result.Status == ResultStatus.Ok, $"{result.Status}: {result.Message}");
        Assert.Equal($"tls:127.0.0.1:{peer.Port}", result.Name);
        Assert.Equal(["service.example"], peer.ServerNames);
    }

    [Fact]
    public async Task Run_TlsCheckServerNameNotInCertificate_FailsAtTlsNamingIt()
    {
        using var certificates = TestCertificates.Create("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(
            $"- type: tls\n  host: localhost\n  port: {peer.Port}\n  server_name: other.example\n", caDirectory: certificates.WriteCaDirectory());

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.Equal(Mismatch, result.Message);
        Assert.Equal(["other.example"], peer.ServerNames);
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("other.example", Mismatch)]
    public async Task Run_HttpsServerName_VerifiedAgainstThatName(string serverName, string? failure)
    {
        var token = TestServers.NewToken();
        var url = servers.Https(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: https\n  url: '{url}'\n  server_name: {serverName}\n", servers.CaDirectory);

        var request = run.Result($"http:{url}:");
        if (failure is null)
        {
            Assert.True(request.Status == ResultStatus.Ok, $"{request.Status}: {request.Message}");
            Assert.Equal($"{serverName}:{servers.ApacheHttpsPort}", servers.RequestWith(token).Header("HOST"));
        }
        else
        {
            StageAssert.Failed(FailureStage.Tls, request);
            Assert.Equal(failure, request.Message);
        }
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("other.example", Mismatch)]
    public async Task Run_PostgresVerifyFullServerName_VerifiedAgainstThatName(string serverName, string? failure)
    {
        var server = new PostgresServer();
        using var trusted = new TempDirectory();
        File.Copy(server.TlsCertificate, Path.Combine(trusted.Path, "test-server.pem"));

        var results = await CheckHarness.RunAsync(server.Check(host: "127.0.0.1", extra: ["sslmode: verify-full", $"server_name: {serverName}"]), caDirectory: trusted.Path);

        if (failure is null)
        {
            Assert.True(results[^1].Status == ResultStatus.Ok, $"{results[^1].Status}: {results[^1].Message}");
        }
        else
        {
            StageAssert.Failed(FailureStage.Tls, results[^1]);
            Assert.Equal(failure, results[^1].Message);
        }
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("other.example", Mismatch)]
    public async Task Run_SmtpVerifyTlsServerName_EveryHandshakeVerifiedAgainstThatName(string serverName, string? failure)
    {
        var server = new SmtpServer();
        using var trusted = new TempDirectory();
        File.Copy(server.TlsCertificate, Path.Combine(trusted.Path, "test-server.pem"));

        var results = await CheckHarness.RunAsync(
            server.Check(to: server.NewRecipient(), extra: ["send: false", "verify_tls: true", $"server_name: {serverName}"]), caDirectory: trusted.Path);

        AssertVerifiedAgainst(results.Skip(1), failure);
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("other.example", Mismatch)]
    public async Task Run_AmqpVerifyTlsServerName_EveryHandshakeVerifiedAgainstThatName(string serverName, string? failure)
    {
        var server = new AmqpServer();
        using var trusted = new TempDirectory();
        File.Copy(server.TlsCertificate, Path.Combine(trusted.Path, "test-broker.pem"));

        var results = await CheckHarness.RunAsync(server.Check(useTls: true, extra: ["verify_tls: true", $"server_name: {serverName}"]), caDirectory: trusted.Path);

        AssertVerifiedAgainst(results.Skip(1), failure);
    }

    // The tls subcheck, then the session's own handshake (skipped after a failed tls subcheck).
    private static void AssertVerifiedAgainst(IEnumerable<CheckResult> results, string? failure)
    {
        var list = results.ToList();
        if (failure is null)
        {
            Assert.All(list, r => Assert.True(r.Status == ResultStatus.Ok, $"{r.Name}: {r.Status} {r.Message}"));
            return;
        }

        StageAssert.Failed(FailureStage.Tls, list[0]);
        Assert.Equal(failure, list[0].Message);
    }
}
