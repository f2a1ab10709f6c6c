using ConnCheck.Checks;
using ConnCheck.Secrets;

namespace ConnCheck.Configuration;

/// <summary>A configuration file that loaded without errors.</summary>
/// <param name="Checks">The checks, in file order.</param>
/// <param name="Warnings">Things that do not stop a run but that --validate reports (unknown options).</param>
/// <param name="Secrets">Values that must never be printed.</param>
internal sealed record LoadedConfiguration(
    IReadOnlyList<CheckDefinition> Checks,
    IReadOnlyList<ConfigurationError> Warnings,
    IReadOnlySet<string> Secrets)
{
    /// <summary>Masks <see cref="Secrets"/>: built once, for standard error, the checks and the results alike.</summary>
    public Redactor Redactor { get; } = new(Secrets);
}
