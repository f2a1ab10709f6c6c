using System.Diagnostics;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Services;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Smtp;

/// <summary>Servers that are down or never speak: the check's own timeout bounds the session.</summary>
public sealed class SmtpTimeoutTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Run_ClosedPortWithTls_TcpRefusedTlsAndSmtpSkipped()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(Check(port));

        Assert.Equal([$"tcp:127.0.0.1:{port}", $"tls:127.0.0.1:{port}", $"smtp:127.0.0.1:{port}"], results.Select(r => r.Name));
        Assert.Equal([ResultStatus.Failed, ResultStatus.Skipped, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Connect, results[0]);
        Assert.Equal("Connection refused", results[0].Message);
    }

    [Fact]
    public async Task Run_ClosedPortWithoutTls_TcpRefusedSmtpSkipped()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(Check(port, "use_tls: false"));

        Assert.Equal([$"tcp:127.0.0.1:{port}", $"smtp:127.0.0.1:{port}"], results.Select(r => r.Name));
        Assert.Equal([ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
    }

    [Fact]
    public async Task Run_SilentPeerWithoutTls_SmtpTimedOutWithinTheCheckTimeout()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, "use_tls: false", "timeout: 2"));

        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed], results.Select(r => r.Status));
        Assert.Equal($"smtp:127.0.0.1:{peer.Port}", results[1].Name);
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 2 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_SilentPeerWithStartTls_SmtpTimedOutUnderTheDefaultTimeout()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        // 2 s, so that the connect before the session ends within it on a loaded test machine too.
        var results = await CheckHarness.RunAsync(Check(peer.Port, "starttls: true"), options: new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(2) });

        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 2 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_SilentPeerWithTls_TlsTimedOutSmtpSkipped()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(peer.Port, "timeout: 2"));

        Assert.Equal([ResultStatus.Ok, ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 2 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2) + Slack, $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("use_tls: false")]
    [InlineData("use_tls: true")]
    public async Task SmtpSubcheck_SilentPeerTokenCancelled_MailKitStopsAtTheToken(string security)
    {
        // Straight to the subcheck, without the runner's WaitAsync: only the token can end the
        // session this early, so this shows MailKit itself lets go at the token.
        await using var peer = SilentPeer.Start();
        var smtp = Assert.Single(ConfigurationLoader.Load(Check(peer.Port, security), "test.yaml", types: ServiceCheckTypes.Table).Checks).Plan()[^1];
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(0.5));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => smtp.Run(context, cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5) + Slack, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_UnresolvableHost_TcpFailedRestSkipped()
    {
        var resolver = new FakeHostResolver(host => throw new CheckFailedException(FailureStage.Resolve, $"DNS resolution failed for {host}: name not found"));

        var results = await CheckHarness.RunAsync(Check(25, "use_tls: false").Replace("127.0.0.1", "mail.invalid", StringComparison.Ordinal), resolver);

        Assert.Equal(["tcp:mail.invalid:25", "smtp:mail.invalid:25"], results.Select(r => r.Name));
        Assert.Equal([ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Resolve, results[0]);
        Assert.Equal("DNS resolution failed for mail.invalid: name not found", results[0].Message);
    }

    private static string Check(int port, params string[] extra) =>
        string.Join(
            "\n",
            [
                "- type: smtp",
                "  host: 127.0.0.1",
                $"  port: {port}",
                "  username: someone",
                "  password: secret",
                "  from_address: a@example.test",
                "  to_address: b@example.test",
                .. extra.Select(line => "  " + line),
                "",
            ]);
}
