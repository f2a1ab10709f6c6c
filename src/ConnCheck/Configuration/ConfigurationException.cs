namespace ConnCheck.Configuration;

/// <summary>The configuration could not be loaded; <see cref="Errors"/> lists every problem found.</summary>
internal sealed class ConfigurationException(IReadOnlyList<ConfigurationError> errors, Exception? inner = null)
    : Exception(string.Join(Environment.NewLine, errors), inner)
{
    public IReadOnlyList<ConfigurationError> Errors { get; } = errors;
}
