using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>The result of one subcheck.</summary>
/// <param name="Name">Its result name.</param>
/// <param name="Info">Its info text, or null.</param>
/// <param name="Status">OK, WARNING, FAILED or SKIPPED.</param>
/// <param name="Duration">From its start to its end (zero when skipped).</param>
/// <param name="Message">For a failure or a warning, what is wrong, on one line.</param>
/// <param name="Error">For a failure, the error behind it (shown by -t).</param>
internal sealed record CheckResult(string Name, string? Info, ResultStatus Status, TimeSpan Duration, string? Message = null, Exception? Error = null)
{
    /// <summary>Its check and endpoint, for the structured formats; null for a result made outside a run.</summary>
    public ResultSubject? Subject { get; init; }

    /// <summary>For a failure, the step that failed.</summary>
    public FailureStage? Stage { get; init; }

    /// <summary>The server certificate the subcheck's TLS handshake saw (the soonest to expire of several), or null.</summary>
    public ServerCertificate? Certificate { get; init; }

    /// <summary>The full error text for -t, once <see cref="Error"/> has been turned into text that may be printed.</summary>
    public string? Details { get; init; }

    public static CheckResult Skipped(string name, string? info) => new(name, info, ResultStatus.Skipped, TimeSpan.Zero);
}
