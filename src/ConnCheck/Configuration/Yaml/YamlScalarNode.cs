using YamlDotNet.Core;

namespace ConnCheck.Configuration.Yaml;

/// <summary>A single value, as written (YAML's tags and types play no part in conn-check's options).</summary>
internal sealed class YamlScalarNode(string value, ScalarStyle style, int line, int column) : YamlNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>Whether the value was written plain, quoted or as a block: only a plain <c>~</c> or <c>null</c> is empty.</summary>
    public ScalarStyle Style { get; } = style;
}
