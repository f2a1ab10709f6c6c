using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks;

/// <summary>Asserts what a result says of the server certificate its TLS handshake saw (SPEC C3).</summary>
internal static partial class CertificateAssert
{
    /// <summary>
    /// The certificate <paramref name="result"/> carries; when <paramref name="pemFile"/> is given, it
    /// must be the certificate in that file (the one the server was started with).
    /// </summary>
    public static ServerCertificate Carried(CheckResult result, string? pemFile = null)
    {
        var certificate = result.Certificate;
        Assert.True(certificate is not null, $"{result.Name} ({result.Status}) carries no certificate");
        if (pemFile is not null)
        {
            using var expected = X509Certificate2.CreateFromPem(File.ReadAllText(pemFile));
            Assert.Equal(expected.Thumbprint, certificate.Thumbprint);
            Assert.Equal(expected.Subject, certificate.Subject);
        }

        return certificate;
    }

    /// <summary>A WARNING naming the certificate's expiry date and the days it has left.</summary>
    public static void Warns(CheckResult result, string? pemFile = null)
    {
        Assert.True(result.Status == ResultStatus.Warning, $"{result.Name} is {result.Status}, not a warning ({result.Message})");
        Assert.Null(result.Stage);
        AssertExpiryMessage(result, Carried(result, pemFile));
    }

    /// <summary>A failure at the tls stage naming the certificate's expiry date and the days it has left.</summary>
    public static void Fails(CheckResult result, string? pemFile = null)
    {
        StageAssert.Failed(FailureStage.Tls, result);
        AssertExpiryMessage(result, Carried(result, pemFile));
    }

    /// <summary>
    /// Under the default limits (warning within 14 days): OK and carrying the certificate, or a warning
    /// once the certificate has no more than 14 days left (the test servers renew theirs only when a
    /// day is left).
    /// </summary>
    public static void UnderDefaults(CheckResult result, string? pemFile = null)
    {
        var certificate = Carried(result, pemFile);
        if (certificate.NotAfter - TimeProvider.System.GetUtcNow() <= TimeSpan.FromDays(CertificateLimits.DefaultWarningDays))
        {
            Warns(result, pemFile);
            return;
        }

        Assert.True(result.Status == ResultStatus.Ok, $"{result.Name} is {result.Status}, not OK ({result.Message})");
        Assert.Null(result.Message);
    }

    private static void AssertExpiryMessage(CheckResult result, ServerCertificate certificate)
    {
        var match = ExpiresMessage().Match(result.Message ?? "");
        Assert.True(match.Success, $"{result.Name}: not an expiry message: {result.Message}");
        Assert.Equal(certificate.NotAfter.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), match.Groups["date"].Value);

        // Counted when the check ran, a moment before now.
        var left = (int)Math.Floor((certificate.NotAfter - TimeProvider.System.GetUtcNow()).TotalDays);
        Assert.InRange(int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture), left, left + 1);
    }

    [GeneratedRegex(@"^TLS certificate expires on (?<date>\d{4}-\d{2}-\d{2}) \((?<days>\d+) days? left\)$")]
    private static partial Regex ExpiresMessage();
}
