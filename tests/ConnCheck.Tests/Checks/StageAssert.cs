using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks;

/// <summary>
/// Asserts that a result failed at a stage, and that the stage was chosen on purpose: by the check
/// (its error is a <see cref="CheckFailedException"/>), by the runner's own bounds (its timeout or
/// --max-timeout), or by the certificate expiry rule — never ErrorDescriber's guess for an error no
/// check classified.
/// </summary>
internal static class StageAssert
{
    /// <param name="expected">The stage it must have failed at.</param>
    /// <param name="result">The result.</param>
    /// <param name="what">What the result is of, for messages; its name unless told.</param>
    public static void Failed(FailureStage expected, CheckResult result, string? what = null)
    {
        what ??= result.Name;
        Assert.True(result.Status == ResultStatus.Failed, $"{what} is {result.Status}, not failed ({result.Message})");
        Assert.True(expected == result.Stage, $"{what} failed at {result.Stage}, not {expected}: {result.Message} ({result.Error?.GetType().Name})");
        var message = result.Message ?? "";
        var deliberate = result.Error is CheckFailedException
            || message.StartsWith("timed out after ", StringComparison.Ordinal)
            || message.StartsWith("Maximum timeout reached ", StringComparison.Ordinal)
            || (result.Error is null && message.StartsWith("TLS certificate expire", StringComparison.Ordinal));
        Assert.True(deliberate, $"{what}: no check classified {result.Error?.GetType().FullName}: {message}");
    }
}
