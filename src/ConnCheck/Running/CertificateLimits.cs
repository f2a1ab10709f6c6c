namespace ConnCheck.Running;

/// <summary>
/// How close to expiry a server certificate may be (C3): within <see cref="WarningDays"/> its result
/// is a WARNING, within <see cref="CriticalDays"/> a failure. Critical 0 fails only an expired certificate.
/// </summary>
internal sealed record CertificateLimits(int WarningDays, int CriticalDays)
{
    public const int DefaultWarningDays = 14;
    public const int DefaultCriticalDays = 0;

    /// <summary>The most days either limit may be: a hundred years.</summary>
    public const int MaxDays = 36_500;

    public static CertificateLimits Default { get; } = new(DefaultWarningDays, DefaultCriticalDays);

    /// <summary>These limits with a check's own, where it sets them.</summary>
    public CertificateLimits For(Configuration.CheckCommon check) =>
        check.CertificateWarningDays is null && check.CertificateCriticalDays is null
            ? this
            : new(check.CertificateWarningDays ?? WarningDays, check.CertificateCriticalDays ?? CriticalDays);
}
