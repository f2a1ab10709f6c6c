using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// WARNING and certificate expiry (SPEC C3) through the published binary: TLS servers whose
/// certificates, made here, expire in 5 days, in 60 days, and expired yesterday.
/// </summary>
public sealed class CertificateExpiryTests : IAsyncLifetime
{
    private readonly TestCertificates _soon = Expiring(5.5);
    private readonly TestCertificates _later = Expiring(60.5);
    private readonly TestCertificates _expired = Expiring(-1);
    private readonly TempDirectory _directory = new();
    private TlsPeer _soonPeer = null!;
    private TlsPeer _laterPeer = null!;
    private TlsPeer _expiredPeer = null!;

    public Task InitializeAsync()
    {
        _soonPeer = TlsPeer.Start(_soon.Leaf);
        _laterPeer = TlsPeer.Start(_later.Leaf);
        _expiredPeer = TlsPeer.Start(_expired.Leaf);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _soonPeer.DisposeAsync();
        await _laterPeer.DisposeAsync();
        await _expiredPeer.DisposeAsync();
        _soon.Dispose();
        _later.Dispose();
        _expired.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Run_ThreeCertificates_FailedThenWarningThenOkAndExit2()
    {
        var result = await RunAsync(Config(_soonPeer, _laterPeer, _expiredPeer));

        Assert.Equal(
            [
                $"tls:localhost:{_expiredPeer.Port} FAILED - (localhost:{_expiredPeer.Port}) TLS certificate expired on {Date(_expired)} (1 day ago)",
                $"tls:localhost:{_soonPeer.Port} WARNING - (localhost:{_soonPeer.Port}) TLS certificate expires on {Date(_soon)} (5 days left)",
                $"tls:localhost:{_laterPeer.Port} OK",
            ],
            result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Run_AWarningAndNoFailure_Exit1()
    {
        var result = await RunAsync(Config(_soonPeer, _laterPeer));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"tls:localhost:{_soonPeer.Port} WARNING - ", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Run_WarningDaysBelowTheDaysLeft_OkAndExit0()
    {
        var result = await RunAsync(Config(_soonPeer), "--cert-warning-days", "3");

        Assert.Equal([$"tls:localhost:{_soonPeer.Port} OK"], result.StdoutLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Run_CriticalDaysAboveTheDaysLeft_FailedAndExit2()
    {
        var result = await RunAsync(Config(_soonPeer), "--cert-critical-days", "7");

        Assert.Equal([$"tls:localhost:{_soonPeer.Port} FAILED - (localhost:{_soonPeer.Port}) TLS certificate expires on {Date(_soon)} (5 days left)"], result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Run_CheckOwnWarningDays_OverrideTheCommandLine()
    {
        var config = Config(_soonPeer, _laterPeer).Replace($"port: {_laterPeer.Port}", $"port: {_laterPeer.Port}\n  cert_warning_days: 90", StringComparison.Ordinal);

        var result = await RunAsync(config, "--cert-warning-days", "3");

        Assert.Equal([$"tls:localhost:{_laterPeer.Port} WARNING - (localhost:{_laterPeer.Port}) TLS certificate expires on {Date(_later)} (60 days left)", $"tls:localhost:{_soonPeer.Port} OK"], result.StdoutLines);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Run_VerifiedCertificateExpiringSoon_WarningAfterASuccessfulVerification()
    {
        var ca = _soon.WriteCaDirectory();
        _directory.Write("verified.yaml", $"""
            - type: tls
              host: localhost
              port: {_soonPeer.Port}
            """);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["--tls-certs-path", ca, "-d", "verified.yaml"]);

        Assert.Matches($@"^tls:localhost:{_soonPeer.Port} WARNING \(\d+\.\d ms\) - \(localhost:{_soonPeer.Port}\) TLS certificate expires on {Date(_soon)} \(5 days left\)$", Assert.Single(result.StdoutLines));
        Assert.Equal(1, result.ExitCode);
    }

    private static TestCertificates Expiring(double days)
    {
        var now = DateTimeOffset.UtcNow;
        return TestCertificates.Create(now.AddDays(-30), now.AddDays(days), "localhost");
    }

    private static string Date(TestCertificates certificates) => certificates.Leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Config(params TlsPeer[] peers) => string.Concat(peers.Select(p => $"""
        - type: tls
          host: localhost
          port: {p.Port}
          disable_tls_verification: true

        """));

    private Task<ProcessResult> RunAsync(string config, params string[] options)
    {
        _directory.Write("checks.yaml", config);
        return ConnCheckBinary.RunAsync(_directory.Path, [.. options, "checks.yaml"]);
    }
}
