using ConnCheck.Secrets;

namespace ConnCheck.Configuration;

/// <summary>The configuration could not be loaded; <see cref="Errors"/> lists every problem found.</summary>
/// <param name="errors">The problems, in file order.</param>
/// <param name="inner">What caused them, for <c>-t</c>.</param>
/// <param name="secrets">The secrets read before the problems were found: whatever prints the errors masks them.</param>
internal sealed class ConfigurationException(IReadOnlyList<ConfigurationError> errors, Exception? inner = null, IEnumerable<string>? secrets = null)
    : Exception(string.Join(Environment.NewLine, errors), inner)
{
    public IReadOnlyList<ConfigurationError> Errors { get; } = errors;

    public Redactor Redactor { get; } = secrets is null ? Redactor.None : new Redactor(secrets);
}
