using System.Net;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;
using TempDirectory = ConnCheck.Tests.EndToEnd.TempDirectory;

namespace ConnCheck.Tests.Services.Smtp;

/// <summary>
/// <c>verify_tls</c> against the real Exim, on its implicit-TLS and STARTTLS ports, whose self-signed
/// certificate names localhost and 127.0.0.1: trusted only through --tls-certs-path (SPEC C2).
/// </summary>
public sealed class SmtpVerifyTlsTests
{
    private const string Untrusted = "TLS certificate not trusted: self-signed or unknown root certificate (issuer: CN=localhost)";

    private readonly SmtpServer _server = new();

    [Fact]
    public async Task Run_ImplicitTlsVerifyTlsTrusted_TcpTlsSmtpOk()
    {
        using var trusted = TrustedDirectory();

        var results = await CheckHarness.RunAsync(ImplicitTls("verify_tls: true"), caDirectory: trusted.Path);

        Assert.Equal(
            [$"tcp:127.0.0.1:{_server.TlsPort}", $"tls:127.0.0.1:{_server.TlsPort}", $"smtp:127.0.0.1:{_server.TlsPort}"],
            results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_StartTlsVerifyTlsTrusted_TcpSmtpOk()
    {
        using var trusted = TrustedDirectory();

        var results = await CheckHarness.RunAsync(StartTls("verify_tls: true"), caDirectory: trusted.Path);

        Assert.Equal([$"tcp:127.0.0.1:{_server.StartTlsPort}", $"smtp:127.0.0.1:{_server.StartTlsPort}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_ImplicitTlsVerifyTlsUntrusted_TlsFailsAtTlsAndSmtpSkipped()
    {
        var results = await CheckHarness.RunAsync(ImplicitTls("verify_tls: true"));

        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.Equal(Untrusted, results[1].Message);
    }

    [Fact]
    public async Task Run_ImplicitTlsVerifyTlsUntrustedSmtpSubcheckAlone_MailKitsHandshakeFailsAtTls()
    {
        var smtpOnly = new Selection(TagFilter.None, new NamePattern(["smtp:*"]));

        var results = await CheckHarness.RunAsync(ImplicitTls("verify_tls: true"), selection: smtpOnly);

        var smtp = Assert.Single(results);
        StageAssert.Failed(FailureStage.Tls, smtp);
        Assert.Equal(Untrusted, smtp.Message);
    }

    [Fact]
    public async Task Run_StartTlsVerifyTlsUntrusted_SmtpFailsAtTls()
    {
        var results = await CheckHarness.RunAsync(StartTls("verify_tls: true"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.Equal(Untrusted, results[1].Message);
    }

    [Theory]
    [InlineData(false, "")]
    [InlineData(false, "verify_tls: false")]
    [InlineData(true, "")]
    [InlineData(true, "verify_tls: false")]
    public async Task Run_VerifyTlsOffUntrusted_OkAsIn1x(bool startTls, string option)
    {
        var results = await CheckHarness.RunAsync(startTls ? StartTls(option) : ImplicitTls(option));

        Assert.Equal(startTls ? 2 : 3, results.Count);
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_VerifyTlsTrustedNameNotInTheCertificate_NameMismatchAtTls(bool startTls)
    {
        // mail.conncheck.test reaches Exim on 127.0.0.1, but its certificate names only localhost and 127.0.0.1.
        using var trusted = TrustedDirectory();
        var resolver = new FakeHostResolver(_ => [IPAddress.Loopback]);
        var yaml = (startTls ? StartTls("verify_tls: true") : ImplicitTls("verify_tls: true"))
            .Replace($"host: '{_server.Host}'", "host: mail.conncheck.test", StringComparison.Ordinal);

        var results = await CheckHarness.RunAsync(yaml, resolver, trusted.Path);

        var failed = Assert.Single(results, r => r.Status == ResultStatus.Failed);
        Assert.Equal(startTls ? "smtp:mail.conncheck.test:" : "tls:mail.conncheck.test:", failed.Name[..(failed.Name.LastIndexOf(':') + 1)]);
        StageAssert.Failed(FailureStage.Tls, failed);
        Assert.Equal("TLS certificate name mismatch: the certificate is not valid for mail.conncheck.test", failed.Message);
    }

    private string ImplicitTls(string option) =>
        _server.Check(from: null, extra: ["send: false", option]);

    private string StartTls(string option) =>
        _server.Check(port: _server.StartTlsPort, from: null, extra: ["send: false", "starttls: true", option]);

    private TempDirectory TrustedDirectory()
    {
        var directory = new TempDirectory();
        File.Copy(_server.TlsCertificate, System.IO.Path.Combine(directory.Path, "test-mail.pem"));
        return directory;
    }
}
