namespace ConnCheck.Output;

/// <summary>
/// The samples of one label set in the Prometheus format. Duplicate checks (SPEC A2) give results
/// with the same labels, and a scrape with two samples of one series is rejected whole; so they
/// become one series, pessimistically: down if any was down, the longest duration, the soonest expiry.
/// </summary>
/// <param name="labels">The label set as written: <c>{name="...",type="..."}</c>.</param>
internal sealed class PrometheusSeries(string labels)
{
    public string Labels { get; } = labels;

    /// <summary>1 when every result of the series ran OK or WARNING, 0 when one failed.</summary>
    public int Up { get; private set; } = 1;

    public double DurationSeconds { get; private set; }

    /// <summary>The soonest certificate expiry seen, in Unix seconds, or null.</summary>
    public long? CertificateExpiry { get; private set; }

    public void Add(bool up, double durationSeconds, long? certificateExpiry)
    {
        Up = Math.Min(Up, up ? 1 : 0);
        DurationSeconds = Math.Max(DurationSeconds, durationSeconds);
        if (certificateExpiry is { } expiry)
        {
            CertificateExpiry = CertificateExpiry is { } seen ? Math.Min(seen, expiry) : expiry;
        }
    }
}
