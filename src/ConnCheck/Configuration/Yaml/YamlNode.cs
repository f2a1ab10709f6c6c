namespace ConnCheck.Configuration.Yaml;

/// <summary>
/// A node of a YAML document as <see cref="YamlTreeReader"/> builds it: the shape of YamlDotNet's
/// representation model (whose loader recurses once per level and hashes whole keys), with only what
/// conn-check reads and where each node starts.
/// </summary>
internal abstract class YamlNode(int line, int column)
{
    /// <summary>The line the node starts on, from 1.</summary>
    public int Line { get; } = line;

    /// <summary>The column the node starts at, from 1.</summary>
    public int Column { get; } = column;
}
