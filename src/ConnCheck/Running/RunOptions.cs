namespace ConnCheck.Running;

/// <summary>How a run proceeds.</summary>
internal sealed record RunOptions
{
    /// <summary>At most this many checks in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 100;

    /// <summary>The timeout of checks that set none (--connect-timeout).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The bound on the whole run (--max-timeout), or null.</summary>
    public TimeSpan? MaxTimeout { get; init; }

    /// <summary>What the checks still unfinished at <see cref="MaxTimeout"/> report; null for --max-timeout's own words.</summary>
    public string? MaxTimeoutMessage { get; init; }

    /// <summary>What may end the run early from outside, as --max-timeout does (a signal), or null.</summary>
    public Interruption? Interruption { get; init; }

    /// <summary>When a server certificate is close enough to expiry to warn or fail, for checks that set none.</summary>
    public CertificateLimits CertificateLimits { get; init; } = CertificateLimits.Default;

    /// <summary>Report every result as skipped and run nothing.</summary>
    public bool DryRun { get; init; }
}
