namespace ConnCheck.Checks;

/// <summary>A check failed, at <see cref="Stage"/>, for a reason its message already states in the user's terms.</summary>
internal sealed class CheckFailedException(FailureStage stage, string message, Exception? inner = null) : Exception(message, inner)
{
    public FailureStage Stage { get; } = stage;
}
