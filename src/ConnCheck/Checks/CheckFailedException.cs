namespace ConnCheck.Checks;

/// <summary>A check failed for a reason its message already states in the user's terms.</summary>
internal sealed class CheckFailedException(string message, Exception? inner = null) : Exception(message, inner);
