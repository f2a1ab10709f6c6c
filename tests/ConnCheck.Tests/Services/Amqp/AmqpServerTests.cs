using System.Net;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Amqp;

/// <summary>The amqp check against the real RabbitMQ of <c>scripts/servers/rabbitmq.sh</c> (plain and TLS listeners).</summary>
public sealed class AmqpServerTests
{
    private readonly AmqpServer _server = new();

    [Fact]
    public async Task Run_PlainRightCredentials_TcpThenAmqpOk()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: false));

        Assert.Collection(
            results,
            tcp =>
            {
                Assert.Equal($"tcp:127.0.0.1:{_server.Port}", tcp.Name);
                Assert.Equal($"127.0.0.1:{_server.Port}", tcp.Info);
                Assert.Equal(ResultStatus.Ok, tcp.Status);
            },
            amqp =>
            {
                Assert.Equal($"amqp:127.0.0.1:{_server.Port}", amqp.Name);
                Assert.Equal($"user {_server.User}", amqp.Info);
                Assert.Equal(ResultStatus.Ok, amqp.Status);
                Assert.Null(amqp.Message);
            });
    }

    [Fact]
    public async Task Run_TlsRightCredentials_TcpTlsThenAmqpOk()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: true));

        Assert.Collection(
            results,
            tcp => Assert.Equal(($"tcp:127.0.0.1:{_server.TlsPort}", ResultStatus.Ok), (tcp.Name, tcp.Status)),
            tls =>
            {
                Assert.Equal($"tls:127.0.0.1:{_server.TlsPort}", tls.Name);
                Assert.Equal($"127.0.0.1:{_server.TlsPort}", tls.Info);
                Assert.Equal(ResultStatus.Ok, tls.Status);
            },
            amqp =>
            {
                Assert.Equal($"amqp:127.0.0.1:{_server.TlsPort}", amqp.Name);
                Assert.Equal($"user {_server.User}", amqp.Info);
                Assert.Equal(ResultStatus.Ok, amqp.Status);
            });
    }

    [Fact]
    public async Task Run_TlsCertWarningDaysBeyondTheCertificate_TlsWarnsAndAmqpCarriesTheSameCertificate()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, extra: "cert_warning_days: 60"));

        Assert.Null(results[0].Certificate);
        CertificateAssert.Warns(results[1]);
        Assert.Equal("CN=localhost", results[1].Certificate!.Subject);

        // The driver's own handshake saw the same certificate, judged once per check: at the tls subcheck.
        Assert.Equal(ResultStatus.Ok, results[2].Status);
        Assert.Equal(results[1].Certificate, CertificateAssert.Carried(results[2]));
    }

    [Fact]
    public async Task Run_TlsAmqpSubcheckAlone_TheDriversHandshakeWarns()
    {
        var amqpOnly = new Selection(TagFilter.None, new NamePattern(["amqp:*"]));

        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, extra: "cert_warning_days: 60"), selection: amqpOnly);

        CertificateAssert.Warns(Assert.Single(results));
    }

    [Fact]
    public async Task Run_TlsDefaultLimits_TheTlsSubcheckCarriesTheCertificate()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: true));

        CertificateAssert.UnderDefaults(results[1]);
    }

    [Fact]
    public async Task Run_PlainCertWarningDays_NoCertificateAndNoWarning()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: false, extra: "cert_warning_days: 60"));

        Assert.All(results, r =>
        {
            Assert.Equal(ResultStatus.Ok, r.Status);
            Assert.Null(r.Certificate);
        });
    }

    [Fact]
    public async Task Run_UseTlsNotGiven_TlsByDefault()
    {
        var yaml = _server.Check(useTls: true).Replace("  use_tls: true\n", "", StringComparison.Ordinal);

        var results = await CheckHarness.RunAsync(yaml);

        Assert.Equal(
            [$"tcp:127.0.0.1:{_server.TlsPort}", $"tls:127.0.0.1:{_server.TlsPort}", $"amqp:127.0.0.1:{_server.TlsPort}"],
            results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_ExtraVhostWithPermissions_Ok(bool useTls)
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls, extra: $"vhost: '{_server.Vhost}'"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_LocalhostName_NamesKeepTheHostAsWritten()
    {
        var yaml = _server.Check(useTls: true).Replace($"host: {_server.Host}", "host: localhost", StringComparison.Ordinal);

        var results = await CheckHarness.RunAsync(yaml);

        Assert.Equal(
            [$"tcp:localhost:{_server.TlsPort}", $"tls:localhost:{_server.TlsPort}", $"amqp:localhost:{_server.TlsPort}"],
            results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_NameWithAClosedAddressFirst_EachAddressTriedThroughTheCheckResolver()
    {
        // The name is answered by the check's resolver, never by the driver's own DNS lookup: ::1 refuses
        // (the broker listens on 127.0.0.1 only), then 127.0.0.1 serves.
        var resolver = new FakeHostResolver(_ => [IPAddress.IPv6Loopback, IPAddress.Loopback]);
        var yaml = _server.Check(useTls: false).Replace($"host: {_server.Host}", "host: broker.test", StringComparison.Ordinal);

        var results = await CheckHarness.RunAsync(yaml, resolver);

        Assert.Equal([$"tcp:broker.test:{_server.Port}", $"amqp:broker.test:{_server.Port}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(["broker.test", "broker.test"], resolver.Asked);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_WrongPassword_AuthenticationFailedForUser(bool useTls)
    {
        const string wrong = "not-the-amqp-password";

        var results = await CheckHarness.RunAsync(_server.Check(useTls, password: wrong));

        Assert.All(results.SkipLast(1), r => Assert.Equal(ResultStatus.Ok, r.Status));
        var amqp = results[^1];
        StageAssert.Failed(FailureStage.Auth, amqp);
        Assert.Equal($"authentication failed for user \"{_server.User}\"", amqp.Message);
        Assert.All(results, r => Assert.DoesNotContain(wrong, $"{r.Message} {r.Error}", StringComparison.Ordinal));
        _server.AssertPasswordNotShown(results);
    }

    [Fact]
    public async Task Run_UnknownUser_AuthenticationFailedForThatUser()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: false, user: "nobody-here"));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal("authentication failed for user \"nobody-here\"", results[1].Message);
        _server.AssertPasswordNotShown(results);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_MissingVhost_VhostNotFoundOrAccessRefused(bool useTls)
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls, extra: "vhost: no-such-vhost"));

        Assert.All(results.SkipLast(1), r => Assert.Equal(ResultStatus.Ok, r.Status));
        StageAssert.Failed(FailureStage.Auth, results[^1]);
        Assert.StartsWith("vhost \"no-such-vhost\" not found or access refused", results[^1].Message, StringComparison.Ordinal);
        _server.AssertPasswordNotShown(results);
    }

    [Fact]
    public async Task Run_VhostWithoutPermission_VhostNotFoundOrAccessRefused()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: false, extra: $"vhost: '{_server.DeniedVhost}'"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.StartsWith($"vhost \"{_server.DeniedVhost}\" not found or access refused", results[1].Message, StringComparison.Ordinal);
        _server.AssertPasswordNotShown(results);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_ClosedPort_TcpFailedTheRestSkipped(bool useTls)
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(_server.Check(useTls, port: port));

        var expected = useTls ? new[] { "tcp", "tls", "amqp" } : ["tcp", "amqp"];
        Assert.Equal(expected.Select(kind => $"{kind}:127.0.0.1:{port}"), results.Select(r => r.Name));
        StageAssert.Failed(FailureStage.Connect, results[0]);
        Assert.Equal("Connection refused", results[0].Message);
        Assert.All(results.Skip(1), r => Assert.Equal(ResultStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task Run_TlsToThePlainPort_TlsHandshakeFailedAmqpSkipped()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: true, port: _server.Port));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        Assert.Equal($"tls:127.0.0.1:{_server.Port}", results[1].Name);
        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.StartsWith("TLS handshake failed", results[1].Message, StringComparison.Ordinal);
        Assert.Equal(ResultStatus.Skipped, results[2].Status);
        _server.AssertPasswordNotShown(results);
    }

    [Fact]
    public async Task Run_PlainToTheTlsPort_NoAmqpHandshakeAskingAboutTls()
    {
        var results = await CheckHarness.RunAsync(_server.Check(useTls: false, port: _server.TlsPort, extra: "timeout: 5"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("the server did not start an AMQP 0-9-1 handshake (is this a TLS port? use_tls is false)", results[1].Message);
        _server.AssertPasswordNotShown(results);
    }
}
