using System.Net;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Smtp;

/// <summary>The smtp check against the real Exim of <c>scripts/servers/exim.sh</c>.</summary>
public sealed class SmtpServerTests
{
    private readonly SmtpServer _server = new();

    [Fact]
    public async Task Run_ImplicitTls_TcpTlsSmtpOkAndTheMailArrives()
    {
        var to = _server.NewRecipient();

        var results = await CheckHarness.RunAsync(_server.Check(to: to, extra: ["subject: 'conn-check subject'", "message: 'conn-check body'"]));

        Assert.Equal([$"tcp:127.0.0.1:{_server.TlsPort}", $"tls:127.0.0.1:{_server.TlsPort}", $"smtp:127.0.0.1:{_server.TlsPort}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal($"user {_server.User}", results[2].Info);
        var mail = await _server.DeliveredToAsync(to);
        Assert.NotNull(mail);
        Assert.Contains("\nSubject: conn-check subject\n", mail, StringComparison.Ordinal);
        Assert.Contains("\nFrom: sender@example.test\n", mail, StringComparison.Ordinal);
        Assert.Contains($"\nTo: {to}\n", mail, StringComparison.Ordinal);
        Assert.EndsWith("\n\nconn-check body\n", mail, StringComparison.Ordinal);
        Assert.Contains($" A=plain:{_server.User} ", _server.Reception(to), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HostName_EverySubcheckResolvesThroughTheCheckContext()
    {
        var resolver = new FakeHostResolver(_ => [IPAddress.Loopback]);
        var yaml = _server.Check(to: _server.NewRecipient(), extra: "send: false").Replace($"host: '{_server.Host}'", "host: mail.conncheck.test", StringComparison.Ordinal);

        var results = await CheckHarness.RunAsync(yaml, resolver);

        Assert.Equal([$"tcp:mail.conncheck.test:{_server.TlsPort}", $"tls:mail.conncheck.test:{_server.TlsPort}", $"smtp:mail.conncheck.test:{_server.TlsPort}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        // The tls step is handed the tcp step's connection; the session opens its own.
        Assert.Equal(["mail.conncheck.test", "mail.conncheck.test"], resolver.Asked);
    }

    [Fact]
    public async Task Run_StartTls_TcpAndSmtpOkAndTheMailArrives()
    {
        var to = _server.NewRecipient();

        var results = await CheckHarness.RunAsync(_server.Check(port: _server.StartTlsPort, to: to, extra: "starttls: true"));

        Assert.Equal([$"tcp:127.0.0.1:{_server.StartTlsPort}", $"smtp:127.0.0.1:{_server.StartTlsPort}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        var mail = await _server.DeliveredToAsync(to);
        Assert.NotNull(mail);
        Assert.Contains("with esmtpsa", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ImplicitTlsCertWarningDaysBeyondTheCertificate_TlsWarnsAndSmtpCarriesTheCertificate()
    {
        var results = await CheckHarness.RunAsync(_server.Check(from: null, extra: ["send: false", "cert_warning_days: 60"]));

        Assert.Null(results[0].Certificate);
        CertificateAssert.Warns(results[1], _server.TlsCertificate);

        // MailKit's own handshake saw the same certificate, judged once per check: at the tls subcheck.
        Assert.Equal(ResultStatus.Ok, results[2].Status);
        CertificateAssert.Carried(results[2], _server.TlsCertificate);
    }

    [Fact]
    public async Task Run_ImplicitTlsSmtpSubcheckAlone_MailKitsHandshakeWarns()
    {
        var smtpOnly = new Selection(TagFilter.None, new NamePattern(["smtp:*"]));

        var results = await CheckHarness.RunAsync(_server.Check(from: null, extra: ["send: false", "cert_warning_days: 60"]), selection: smtpOnly);

        CertificateAssert.Warns(Assert.Single(results), _server.TlsCertificate);
    }

    [Fact]
    public async Task Run_StartTlsCertWarningDaysBeyondTheCertificate_SmtpWarns()
    {
        var results = await CheckHarness.RunAsync(_server.Check(port: _server.StartTlsPort, from: null, extra: ["send: false", "starttls: true", "cert_warning_days: 60"]));

        Assert.Null(results[0].Certificate);
        CertificateAssert.Warns(results[1], _server.TlsCertificate);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_DefaultLimits_TheFirstHandshakeCarriesTheServersCertificate(bool startTls)
    {
        var yaml = startTls
            ? _server.Check(port: _server.StartTlsPort, from: null, extra: ["send: false", "starttls: true"])
            : _server.Check(from: null, extra: "send: false");

        var results = await CheckHarness.RunAsync(yaml);

        CertificateAssert.UnderDefaults(results[1], _server.TlsCertificate);
    }

    [Fact]
    public async Task Run_CertCriticalDaysBeyondTheCertificate_FailsAtTlsAndSmtpSkipped()
    {
        var results = await CheckHarness.RunAsync(_server.Check(from: null, extra: ["send: false", "cert_critical_days: 60"]));

        CertificateAssert.Fails(results[1], _server.TlsCertificate);
        Assert.Equal(ResultStatus.Skipped, results[2].Status);
    }

    [Fact]
    public async Task Run_PlainPortWithoutTls_AuthNotOffered()
    {
        var results = await CheckHarness.RunAsync(_server.Check(port: _server.StartTlsPort, to: _server.NewRecipient(), extra: "use_tls: false"));

        Assert.Equal([$"tcp:127.0.0.1:{_server.StartTlsPort}", $"smtp:127.0.0.1:{_server.StartTlsPort}"], results.Select(r => r.Name));
        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal("AUTH not offered on this plain connection (servers often offer it only after TLS: use_tls or starttls)", results[1].Message);
    }

    [Fact]
    public async Task Run_StartTlsOnAPortWithoutIt_StartTlsNotOffered()
    {
        var results = await CheckHarness.RunAsync(_server.Check(port: _server.PlainPort, to: _server.NewRecipient(), extra: "starttls: true"));

        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.Equal("STARTTLS not offered by the server", results[1].Message);
    }

    [Fact]
    public async Task Run_ImplicitTlsOnAPlainPort_TlsFailedSmtpSkipped()
    {
        var results = await CheckHarness.RunAsync(_server.Check(port: _server.PlainPort, to: _server.NewRecipient(), extra: "timeout: 5"));

        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.StartsWith("TLS handshake failed: ", results[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongPassword_AuthenticationFailedForUserWithTheServersReply()
    {
        var to = _server.NewRecipient();

        var results = await CheckHarness.RunAsync(_server.Check(password: "not-the-password", to: to));

        Assert.Equal([ResultStatus.Ok, ResultStatus.Ok, ResultStatus.Failed], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Auth, results[2]);
        Assert.Equal($"authentication failed for user \"{_server.User}\" (535 Incorrect authentication data)", results[2].Message);
        Assert.Null(_server.Reception(to));
    }

    [Fact]
    public async Task Run_UnknownRecipient_RecipientRejectedWith550()
    {
        var results = await CheckHarness.RunAsync(_server.Check(to: "nobody@elsewhere.test"));

        StageAssert.Failed(FailureStage.Protocol, results[2]);
        Assert.Equal("recipient rejected: nobody@elsewhere.test (550 no such recipient here)", results[2].Message);
    }

    [Fact]
    public async Task Run_RefusedSender_SenderRejected()
    {
        var results = await CheckHarness.RunAsync(_server.Check(from: _server.RejectedSender, to: _server.NewRecipient()));

        StageAssert.Failed(FailureStage.Protocol, results[2]);
        Assert.Equal($"sender rejected: {_server.RejectedSender} (550 sender rejected by the conn-check test server)", results[2].Message);
    }

    [Fact]
    public async Task Run_SendFalse_OkAndNoMailTaken()
    {
        var to = _server.NewRecipient();

        var results = await CheckHarness.RunAsync(_server.Check(to: to, extra: "send: false"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Null(_server.Reception(to));
        Assert.DoesNotContain(_server.DeliveredNow(), text => text.Contains(to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SendFalseUnknownRecipient_RecipientRejected()
    {
        // send: false still asks the server to take the recipient: RCPT TO is what it proves.
        var results = await CheckHarness.RunAsync(_server.Check(to: "nobody@elsewhere.test", extra: "send: false"));

        StageAssert.Failed(FailureStage.Protocol, results[2]);
        Assert.Equal("recipient rejected: nobody@elsewhere.test (550 no such recipient here)", results[2].Message);
    }

    [Fact]
    public async Task Run_SendFalseRefusedSender_SenderRejected()
    {
        var results = await CheckHarness.RunAsync(_server.Check(from: _server.RejectedSender, to: _server.NewRecipient(), extra: "send: false"));

        StageAssert.Failed(FailureStage.Protocol, results[2]);
        Assert.Equal($"sender rejected: <{_server.RejectedSender}> (550 sender rejected by the conn-check test server)", results[2].Message);
    }

    [Fact]
    public async Task Run_SendFalseWithoutAddresses_AuthenticatesOnly()
    {
        var results = await CheckHarness.RunAsync(_server.Check(from: null, extra: "send: false"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_SendFalseWithoutAddressesWrongPassword_AuthenticationFailed()
    {
        var results = await CheckHarness.RunAsync(_server.Check(from: null, password: "not-the-password", extra: "send: false"));

        StageAssert.Failed(FailureStage.Auth, results[2]);
        Assert.Equal($"authentication failed for user \"{_server.User}\" (535 Incorrect authentication data)", results[2].Message);
    }

    [Fact]
    public async Task Run_EhloRefusedWithoutHeloFallback_EhloRefused()
    {
        var to = _server.NewRecipient();

        var results = await CheckHarness.RunAsync(_server.Check(port: _server.NoEhloPort, to: to, extra: "use_tls: false"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("EHLO refused: 550 EHLO not supported here, say HELO (helo_fallback: true would accept HELO)", results[1].Message);
        Assert.Null(_server.Reception(to));
    }

    [Fact]
    public async Task Run_EhloRefusedWithHeloFallback_OkAndTheMailArrives()
    {
        var to = _server.NewRecipient();

        var results = await CheckHarness.RunAsync(_server.Check(port: _server.NoEhloPort, to: to, extra: ["use_tls: false", "helo_fallback: true"]));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        var mail = await _server.DeliveredToAsync(to);
        Assert.NotNull(mail);
        Assert.Contains(" with smtp ", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HeloFallbackOnAServerThatTakesEhlo_StillAuthenticates()
    {
        var results = await CheckHarness.RunAsync(_server.Check(password: "not-the-password", to: _server.NewRecipient(), extra: "helo_fallback: true"));

        StageAssert.Failed(FailureStage.Auth, results[2]);
        Assert.Equal($"authentication failed for user \"{_server.User}\" (535 Incorrect authentication data)", results[2].Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_WrongPassword_PasswordNowhereInResults(bool startTls)
    {
        const string Password = "Wrong-Pa55word-Never-Shown";
        var yaml = startTls
            ? _server.Check(port: _server.StartTlsPort, password: Password, to: _server.NewRecipient(), extra: "starttls: true")
            : _server.Check(password: Password, to: _server.NewRecipient());

        var results = await CheckHarness.RunAsync(yaml);

        Assert.Contains(results, r => r.Status == ResultStatus.Failed);
        Assert.All(results, r =>
        {
            Assert.DoesNotContain(Password, r.Message ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(Password, r.Error?.ToString() ?? "", StringComparison.Ordinal);
        });
    }
}
