using System.Globalization;
using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>Judges a server certificate's expiry against the limits of C3.</summary>
internal static class CertificateExpiry
{
    /// <summary>
    /// <see cref="ResultStatus.Failed"/> when <paramref name="certificate"/> has expired or expires within
    /// the critical days, <see cref="ResultStatus.Warning"/> within the warning days, else
    /// <see cref="ResultStatus.Ok"/>; with a message naming the date and the days left.
    /// </summary>
    public static (ResultStatus Status, string? Message) Judge(ServerCertificate certificate, CertificateLimits limits, DateTimeOffset now)
    {
        var left = certificate.NotAfter - now;
        if (left <= TimeSpan.FromDays(limits.CriticalDays))
        {
            return (ResultStatus.Failed, Describe(certificate, left));
        }

        return left <= TimeSpan.FromDays(limits.WarningDays)
            ? (ResultStatus.Warning, Describe(certificate, left))
            : (ResultStatus.Ok, null);
    }

    /// <summary><c>TLS certificate expires on 2026-12-09 (5 days left)</c>, <c>TLS certificate expired on 2026-12-03 (1 day ago)</c>.</summary>
    private static string Describe(ServerCertificate certificate, TimeSpan left)
    {
        var date = certificate.NotAfter.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (left > TimeSpan.Zero)
        {
            return $"TLS certificate expires on {date} ({Days((int)Math.Floor(left.TotalDays))} left)";
        }

        var ago = (int)Math.Floor(-left.TotalDays);
        return $"TLS certificate expired on {date} ({(ago == 0 ? "today" : Days(ago) + " ago")})";
    }

    private static string Days(int days) => days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");
}
