namespace ConnCheck.Running;

/// <summary>The result of one subcheck.</summary>
/// <param name="Name">Its result name.</param>
/// <param name="Info">Its info text, or null.</param>
/// <param name="Status">OK, FAILED or SKIPPED.</param>
/// <param name="Duration">From its start to its end (zero when skipped).</param>
/// <param name="Message">For a failure, what went wrong, on one line.</param>
/// <param name="Error">For a failure, the error behind it (shown by -t).</param>
internal sealed record CheckResult(string Name, string? Info, ResultStatus Status, TimeSpan Duration, string? Message = null, Exception? Error = null)
{
    public static CheckResult Skipped(string name, string? info) => new(name, info, ResultStatus.Skipped, TimeSpan.Zero);
}
