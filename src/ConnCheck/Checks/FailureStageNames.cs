namespace ConnCheck.Checks;

/// <summary>The names stages have in every format: <c>connect-timeout</c>, <c>max-timeout</c>.</summary>
internal static class FailureStageNames
{
    public static string Of(FailureStage stage) => stage switch
    {
        FailureStage.Resolve => "resolve",
        FailureStage.Connect => "connect",
        FailureStage.ConnectTimeout => "connect-timeout",
        FailureStage.Tls => "tls",
        FailureStage.Auth => "auth",
        FailureStage.Protocol => "protocol",
        FailureStage.Timeout => "timeout",
        FailureStage.MaxTimeout => "max-timeout",
        FailureStage.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>Every stage name, in the order of <see cref="FailureStage"/>: the schemas list the same.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<FailureStage>().Select(Of).ToArray();
}
