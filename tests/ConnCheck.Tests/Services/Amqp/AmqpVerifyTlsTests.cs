using System.Net;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;
using TempDirectory = ConnCheck.Tests.EndToEnd.TempDirectory;

namespace ConnCheck.Tests.Services.Amqp;

/// <summary>
/// <c>verify_tls</c> against the real RabbitMQ, whose TLS listener serves a self-signed certificate
/// for localhost and 127.0.0.1: trusted only through --tls-certs-path (SPEC C2).
/// </summary>
public sealed class AmqpVerifyTlsTests
{
    private const string Untrusted = "TLS certificate not trusted: self-signed or unknown root certificate (issuer: CN=localhost)";

    private readonly AmqpServer _server = new();

    [Fact]
    public async Task Run_VerifyTlsTrusted_TcpTlsAmqpOk()
    {
        using var trusted = TrustedDirectory();

        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, extra: "verify_tls: true"), caDirectory: trusted.Path);

        Assert.Equal(
            [$"tcp:127.0.0.1:{_server.TlsPort}", $"tls:127.0.0.1:{_server.TlsPort}", $"amqp:127.0.0.1:{_server.TlsPort}"],
            results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_VerifyTlsUntrusted_TlsFailsAtTlsAndAmqpSkipped()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, extra: "verify_tls: true"));

        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.Equal(Untrusted, results[1].Message);
    }

    [Fact]
    public async Task Run_VerifyTlsUntrustedAmqpSubcheckAlone_TheDriversHandshakeFailsAtTls()
    {
        // Without the tls subcheck before it, the driver's own handshake must refuse the certificate
        // before the password is sent.
        var amqpOnly = new Selection(TagFilter.None, new NamePattern(["amqp:*"]));

        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, extra: "verify_tls: true"), selection: amqpOnly);

        var amqp = Assert.Single(results);
        StageAssert.Failed(FailureStage.Tls, amqp);
        Assert.Equal(Untrusted, amqp.Message);
        _server.AssertPasswordNotShown(results);
    }

    [Fact]
    public async Task Run_VerifyTlsTrustedAmqpSubcheckAlone_Ok()
    {
        using var trusted = TrustedDirectory();
        var amqpOnly = new Selection(TagFilter.None, new NamePattern(["amqp:*"]));

        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, extra: "verify_tls: true"), caDirectory: trusted.Path, selection: amqpOnly);

        Assert.Equal(ResultStatus.Ok, Assert.Single(results).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("verify_tls: false")]
    public async Task Run_VerifyTlsOffUntrusted_OkAsIn1x(string option)
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, extra: option));

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Theory]
    [InlineData("amqp:*")]
    [InlineData("*")]
    public async Task Run_VerifyTlsTrustedNameNotInTheCertificate_NameMismatchAtTls(string pattern)
    {
        // broker.test reaches the broker on 127.0.0.1, but its certificate names only localhost and 127.0.0.1.
        using var trusted = TrustedDirectory();
        var resolver = new FakeHostResolver(_ => [IPAddress.Loopback]);
        var yaml = _server.Check(useTls: true, extra: "verify_tls: true").Replace($"host: {_server.Host}", "host: broker.test", StringComparison.Ordinal);
        var selection = new Selection(TagFilter.None, new NamePattern([pattern]));

        var results = await CheckHarness.RunAsync(yaml, resolver, trusted.Path, selection: selection);

        var failed = Assert.Single(results, r => r.Status == ResultStatus.Failed);
        StageAssert.Failed(FailureStage.Tls, failed);
        Assert.Equal("TLS certificate name mismatch: the certificate is not valid for broker.test", failed.Message);
    }

    private TempDirectory TrustedDirectory()
    {
        var directory = new TempDirectory();
        File.Copy(_server.TlsCertificate, System.IO.Path.Combine(directory.Path, "test-broker.pem"));
        return directory;
    }
}
