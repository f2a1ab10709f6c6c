namespace ConnCheck.Checks;

/// <summary>A check failed, at <see cref="Stage"/>, for a reason its message already states in the user's terms.</summary>
internal sealed class CheckFailedException(FailureStage stage, string message, Exception? inner = null) : Exception(message, inner)
{
    public FailureStage Stage { get; } = stage;

    /// <summary>
    /// The server asked never answered (a DNS question that timed out), so that asking it again would cost
    /// the same wait; a server that answered, even "no such name", is not unanswered.
    /// </summary>
    public bool Unanswered { get; init; }
}
