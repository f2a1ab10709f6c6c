using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

public sealed class CertificateExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 15, 45, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(60, "Ok", null)]
    [InlineData(14.5, "Ok", null)]
    [InlineData(14, "Warning", "TLS certificate expires on 2026-12-18 (14 days left)")]
    [InlineData(5.5, "Warning", "TLS certificate expires on 2026-12-10 (5 days left)")]
    [InlineData(1.25, "Warning", "TLS certificate expires on 2026-12-05 (1 day left)")]
    [InlineData(0.1, "Warning", "TLS certificate expires on 2026-12-04 (0 days left)")]
    [InlineData(0, "Failed", "TLS certificate expired on 2026-12-04 (today)")]
    [InlineData(-0.5, "Failed", "TLS certificate expired on 2026-12-04 (today)")]
    [InlineData(-1, "Failed", "TLS certificate expired on 2026-12-03 (1 day ago)")]
    [InlineData(-400, "Failed", "TLS certificate expired on 2025-10-30 (400 days ago)")]
    public void Judge_DefaultLimits_WarnsWithinFourteenDaysFailsOnceExpired(double daysLeft, string status, string? message)
    {
        var verdict = CertificateExpiry.Judge(Expiring(daysLeft), CertificateLimits.Default, Now);

        Assert.Equal((Enum.Parse<ResultStatus>(status), message), verdict);
    }

    [Theory]
    [InlineData(5.5, 30, 7, "Failed")]
    [InlineData(7, 30, 7, "Failed")]
    [InlineData(7.5, 30, 7, "Warning")]
    [InlineData(5.5, 3, 0, "Ok")]
    [InlineData(5.5, 0, 0, "Ok")]
    [InlineData(-1, 0, 0, "Failed")]
    public void Judge_OwnLimits_CriticalBeforeWarning(double daysLeft, int warningDays, int criticalDays, string status)
    {
        var (judged, _) = CertificateExpiry.Judge(Expiring(daysLeft), new CertificateLimits(warningDays, criticalDays), Now);

        Assert.Equal(Enum.Parse<ResultStatus>(status), judged);
    }

    [Fact]
    public void Judge_CriticalNotYetExpired_SaysTheDaysLeft()
    {
        var (_, message) = CertificateExpiry.Judge(Expiring(5.5), new CertificateLimits(30, 7), Now);

        Assert.Equal("TLS certificate expires on 2026-12-10 (5 days left)", message);
    }

    private static ServerCertificate Expiring(double daysLeft) => new("CN=db.example.com", Now.AddDays(daysLeft), "AB");
}
