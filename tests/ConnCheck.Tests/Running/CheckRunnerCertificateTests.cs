using System.Security.Cryptography.X509Certificates;
using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Running;
using ConnCheck.TestPeers;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

/// <summary>What the runner makes of the certificates a check's handshakes saw (SPEC C3), on a fake clock.</summary>
public sealed class CheckRunnerCertificateTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RecordingObserver _observer = new();

    [Fact]
    public async Task RunAsync_CertificateExpiresInFiveDays_WarningWithTheCertificateAndNoStage()
    {
        using var certificates = Leaf(days: 5.5);

        await RunAsync(Check(Sees("tls:a:443", certificates.Leaf)));

        var result = _observer.ResultOf("tls:a:443");
        Assert.Equal(ResultStatus.Warning, result.Status);
        Assert.Equal($"TLS certificate expires on {certificates.Leaf.NotAfter.ToUniversalTime():yyyy-MM-dd} (5 days left)", result.Message);
        Assert.Null(result.Stage);
        Assert.Equal(certificates.Leaf.Thumbprint, result.Certificate?.Thumbprint);
    }

    [Fact]
    public async Task RunAsync_CertificateExpiresInSixtyDays_OkWithTheCertificate()
    {
        using var certificates = Leaf(days: 60);

        await RunAsync(Check(Sees("tls:a:443", certificates.Leaf)));

        var result = _observer.ResultOf("tls:a:443");
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Null(result.Message);
        Assert.Equal(new DateTimeOffset(certificates.Leaf.NotAfter.ToUniversalTime()), result.Certificate?.NotAfter);
    }

    [Fact]
    public async Task RunAsync_CertificateExpiredYesterday_FailsAtTlsAndSkipsTheRest()
    {
        using var certificates = Leaf(days: -1);
        var ran = new List<string>();

        await RunAsync(Check(Sees("tls:a:443", certificates.Leaf), TestRunner.Ok("amqp:a:443", ran)));

        var result = _observer.ResultOf("tls:a:443");
        Assert.Equal(ResultStatus.Failed, result.Status);
        Assert.Equal(FailureStage.Tls, result.Stage);
        Assert.StartsWith("TLS certificate expired on ", result.Message, StringComparison.Ordinal);
        Assert.Equal(ResultStatus.Skipped, _observer.ResultOf("amqp:a:443").Status);
        Assert.Empty(ran);
    }

    [Fact]
    public async Task RunAsync_SameCertificateSeenByTwoSubchecks_OnlyTheFirstWarns()
    {
        using var certificates = Leaf(days: 5.5);

        await RunAsync(Check(Sees("tls:a:5671", certificates.Leaf), Sees("amqp:a:5671", certificates.Leaf)));

        Assert.Equal(ResultStatus.Warning, _observer.ResultOf("tls:a:5671").Status);
        var second = _observer.ResultOf("amqp:a:5671");
        Assert.Equal(ResultStatus.Ok, second.Status);
        Assert.Equal(certificates.Leaf.Thumbprint, second.Certificate?.Thumbprint);
    }

    [Fact]
    public async Task RunAsync_TwoChecksSeeTheSameCertificate_EachWarns()
    {
        using var certificates = Leaf(days: 5.5);

        await RunAsync(Check(Sees("tls:a:443", certificates.Leaf)), Check(Sees("http:https://a/:", certificates.Leaf)));

        Assert.All(_observer.Results, r => Assert.Equal(ResultStatus.Warning, r.Status));
    }

    [Fact]
    public async Task RunAsync_TwoCertificatesInOneSubcheck_TheSoonerDecides()
    {
        using var later = Leaf(days: 60);
        using var sooner = Leaf(days: 3.5);

        await RunAsync(Check(Sees("http:https://a/:", later.Leaf, sooner.Leaf)));

        var result = _observer.ResultOf("http:https://a/:");
        Assert.Equal(ResultStatus.Warning, result.Status);
        Assert.Equal(sooner.Leaf.Thumbprint, result.Certificate?.Thumbprint);
    }

    [Theory]
    [InlineData(null, null, "Warning")]
    [InlineData(3, null, "Ok")]
    [InlineData(null, 7, "Failed")]
    [InlineData(30, 7, "Failed")]
    public async Task RunAsync_CheckSetsItsOwnDays_TheyOverrideTheRunsEach(int? warningDays, int? criticalDays, string expected)
    {
        using var certificates = Leaf(days: 5.5);
        var check = Check(Sees("tls:a:443", certificates.Leaf)) with
        {
            Common = Common with { CertificateWarningDays = warningDays, CertificateCriticalDays = criticalDays },
        };

        await RunAsync(check);

        Assert.Equal(Enum.Parse<ResultStatus>(expected), _observer.ResultOf("tls:a:443").Status);
    }

    [Fact]
    public async Task RunAsync_RunLimits_ApplyToChecksThatSetNone()
    {
        using var certificates = Leaf(days: 20);

        await TestRunner.Create(_time).RunAsync([Check(Sees("tls:a:443", certificates.Leaf))], new RunOptions { CertificateLimits = new(30, 0) }, _observer);

        Assert.Equal(ResultStatus.Warning, _observer.ResultOf("tls:a:443").Status);
    }

    [Fact]
    public async Task RunAsync_SubcheckFailsAfterSeeingACertificate_FailureKeepsItsOwnMessageAndTheCertificate()
    {
        using var certificates = Leaf(days: 5.5);
        var subcheck = new Subcheck("tls:a:443", "a:443", (context, _) =>
        {
            context.Progress.SawCertificate(certificates.Leaf);
            throw new CheckFailedException(FailureStage.Tls, "TLS certificate not trusted: self-signed");
        });

        await RunAsync(Check(subcheck));

        var result = _observer.ResultOf("tls:a:443");
        Assert.Equal(ResultStatus.Failed, result.Status);
        Assert.Equal("TLS certificate not trusted: self-signed", result.Message);
        Assert.Equal(certificates.Leaf.Thumbprint, result.Certificate?.Thumbprint);
    }

    private static CheckCommon Common { get; } = new("tls", [], null, new SourcePosition("checks.yaml", 1, 1));

    private TestCertificates Leaf(double days) => TestCertificates.Create(_time.GetUtcNow().AddDays(-10), _time.GetUtcNow().AddDays(days), "localhost");

    private static TestCheck Check(params Subcheck[] subchecks) => new(Common, subchecks);

    private static Subcheck Sees(string name, params X509Certificate2[] certificates) => new(name, null, (context, _) =>
    {
        foreach (var certificate in certificates)
        {
            context.Progress.SawCertificate(certificate);
        }

        return Task.CompletedTask;
    });

    private Task RunAsync(params CheckDefinition[] checks) =>
        Eventually.CompletesAsync(TestRunner.Create(_time).RunAsync(checks, new RunOptions(), _observer), "the run");
}
