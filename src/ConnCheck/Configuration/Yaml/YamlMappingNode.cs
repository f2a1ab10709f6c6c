namespace ConnCheck.Configuration.Yaml;

/// <summary>A mapping, in the order it was written; its keys are single values, none twice.</summary>
internal sealed class YamlMappingNode(int line, int column) : YamlNode(line, column)
{
    private readonly List<KeyValuePair<YamlScalarNode, YamlNode>> _children = [];

    // Checks have a handful of options: a linear search finds a repeated key faster than a set until a mapping grows.
    private const int SetAfter = 16;
    private HashSet<string>? _keys;

    public IReadOnlyList<KeyValuePair<YamlScalarNode, YamlNode>> Children => _children;

    /// <summary>The value of <paramref name="key"/>, or null when it is not there.</summary>
    public YamlNode? Find(string key) => IndexOf(key) is var i and >= 0 ? _children[i].Value : null;

    /// <summary>Where <paramref name="key"/> is in <see cref="Children"/>, or -1 when it is not there.</summary>
    public int IndexOf(string key)
    {
        for (var i = 0; i < _children.Count; i++)
        {
            if (_children[i].Key.Value == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds an entry; false, and nothing added, when <paramref name="key"/> is there already.</summary>
    internal bool TryAdd(YamlScalarNode key, YamlNode value)
    {
        if (_keys is not null)
        {
            if (!_keys.Add(key.Value))
            {
                return false;
            }
        }
        else
        {
            if (IndexOf(key.Value) >= 0)
            {
                return false;
            }

            if (_children.Count == SetAfter)
            {
                _keys = new HashSet<string>(_children.Select(c => c.Key.Value), StringComparer.Ordinal) { key.Value };
            }
        }

        _children.Add(new(key, value));
        return true;
    }
}
