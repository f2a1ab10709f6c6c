using System.Collections;

namespace ConnCheck.Configuration.Yaml;

/// <summary>A list.</summary>
internal sealed class YamlSequenceNode(int line, int column) : YamlNode(line, column), IEnumerable<YamlNode>
{
    private readonly List<YamlNode> _children = [];

    public IReadOnlyList<YamlNode> Children => _children;

    public IEnumerator<YamlNode> GetEnumerator() => _children.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(YamlNode item) => _children.Add(item);
}
