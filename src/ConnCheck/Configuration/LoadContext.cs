using ConnCheck.Checks;
using ConnCheck.Configuration.Yaml;

namespace ConnCheck.Configuration;

/// <summary>State shared by everything that reads one configuration file.</summary>
internal sealed class LoadContext(string file, EnvironmentExpander environment, CheckTypes types)
{
    public CheckTypes Types { get; } = types;

    public string File { get; } = file;

    public EnvironmentExpander Environment { get; } = environment;

    public List<ConfigurationError> Errors { get; } = [];

    public List<ConfigurationError> Warnings { get; } = [];

    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per check type, every option its parser asked for in this file, written or not: the options the type
    /// knows, against which an unknown one is matched as a near miss. Shared by the checks of a type, so
    /// that reading a check costs no set of its own.
    /// </summary>
    public Dictionary<string, HashSet<string>> KnownOptions { get; } = new(StringComparer.Ordinal);

    public SourcePosition PositionOf(YamlNode node) => new(File, node.Line, node.Column);
}
