namespace ConnCheck.Configuration;

/// <summary>The options every check type accepts.</summary>
/// <param name="Type">The canonical type name (aliases resolved).</param>
/// <param name="Tags">Tags for --include-tags / --exclude-tags.</param>
/// <param name="Timeout">The check's own bound on all its subchecks; null means --connect-timeout.</param>
/// <param name="Position">Where the check starts in its file.</param>
internal sealed record CheckCommon(string Type, IReadOnlyList<string> Tags, TimeSpan? Timeout, SourcePosition Position)
{
    /// <summary>The <c>name</c> option: a label the structured formats carry (not part of result names).</summary>
    public string? Label { get; init; }

    /// <summary><c>ip_version</c>: 4 or 6, the only address family the check's names resolve to; null for both.</summary>
    public int? IpVersion { get; init; }

    /// <summary><c>addresses: all</c>: check every address of the host, one result per address.</summary>
    public bool AllAddresses { get; init; }

    /// <summary><c>cert_warning_days</c>: overrides --cert-warning-days for this check.</summary>
    public int? CertificateWarningDays { get; init; }

    /// <summary><c>cert_critical_days</c>: overrides --cert-critical-days for this check.</summary>
    public int? CertificateCriticalDays { get; init; }
}
