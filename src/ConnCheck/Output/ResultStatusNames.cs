using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>The names statuses have in the structured formats: <c>ok</c>, <c>warning</c>, <c>failed</c>, <c>skipped</c>.</summary>
internal static class ResultStatusNames
{
    public static string Of(ResultStatus status) => status switch
    {
        ResultStatus.Ok => "ok",
        ResultStatus.Warning => "warning",
        ResultStatus.Failed => "failed",
        ResultStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The run's status by its results: <c>failed</c> when any failed, else <c>warning</c> when any warned, else <c>ok</c>.</summary>
    public static string Overall(ResultCounts counts) => counts.ExitCode switch
    {
        ExitCode.Critical => "failed",
        ExitCode.Warning => "warning",
        _ => "ok",
    };
}
