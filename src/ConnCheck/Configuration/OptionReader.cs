using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Configuration;

/// <summary>
/// Reads one check's options from its YAML mapping. Each getter casts and validates its value and
/// records a positioned error instead of throwing, so one run of the loader reports every problem.
/// </summary>
internal sealed class OptionReader
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal) { "type" };
    private readonly LoadContext _load;

    public OptionReader(YamlMappingNode mapping, string typeName, LoadContext load)
    {
        _load = load;
        TypeName = typeName;
        Position = load.PositionOf(mapping);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                _options[name] = (key, value);
            }
        }
    }

    /// <summary>The canonical type name, used in messages ("tcp check").</summary>
    public string TypeName { get; }

    /// <summary>Where the check's mapping starts.</summary>
    public SourcePosition Position { get; }

    public bool HasErrors { get; private set; }

    /// <summary>Whether the option is written at all (even with an empty value).</summary>
    public bool Has(string key) => _options.ContainsKey(key);

    /// <summary>A required, non-empty host name or address; brackets around an IPv6 literal are removed.</summary>
    public string Host(string key = "host")
    {
        // Null when the value is missing or already reported as bad: one problem, one error.
        var written = String(key, required: true);
        var host = written?.Trim() ?? "";
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0 && written is not null)
        {
            Error(key, $"{key} must not be empty");
        }

        return host;
    }

    /// <summary>A required port, 1–65535, given as a number or a string of digits.</summary>
    public int Port(string key = "port") => Integer(key, 1, 65535, required: true) ?? 0;

    /// <summary>An optional port with a default.</summary>
    public int Port(string key, int defaultValue) => Integer(key, 1, 65535, required: false) ?? defaultValue;

    /// <summary>A string option; numbers and booleans are taken as written. An empty value is an empty string.</summary>
    public string? String(string key, bool required = false)
    {
        if (!TryScalar(key, required, out var scalar))
        {
            return null;
        }

        return scalar.Value;
    }

    /// <summary>An integer option in [min, max], cast from a string if need be.</summary>
    public int? Integer(string key, int min, int max, bool required = false)
    {
        if (!TryScalar(key, required, out var scalar))
        {
            return null;
        }

        var text = scalar.Value.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        var range = max == int.MaxValue ? $"an integer of at least {min}" : $"an integer from {min} to {max}";
        Error(key, $"{key} must be {range}, not {Show(scalar)}");
        return null;
    }

    /// <summary>A boolean option (true/false, yes/no, on/off, as YAML 1.1 reads them).</summary>
    public bool Bool(string key, bool defaultValue)
    {
        if (!TryScalar(key, required: false, out var scalar) || scalar.Value.Length == 0)
        {
            return defaultValue;
        }

        switch (scalar.Value.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "y":
                return true;
            case "false" or "no" or "off" or "n":
                return false;
            default:
                Error(key, $"{key} must be true or false, not {Show(scalar)}");
                return defaultValue;
        }
    }

    /// <summary>A positive number of seconds, possibly fractional.</summary>
    public TimeSpan? Seconds(string key)
    {
        if (!TryScalar(key, required: false, out var scalar) || scalar.Value.Length == 0)
        {
            return null;
        }

        if (double.TryParse(scalar.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0 && seconds <= MaxSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        Error(key, $"{key} must be a number of seconds greater than 0 (at most {MaxSeconds}), not {Show(scalar)}");
        return null;
    }

    /// <summary>A list of strings; a single value counts as a list of one.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        if (!_options.TryGetValue(key, out var option))
        {
            return [];
        }

        _used.Add(key);
        switch (option.Value)
        {
            case YamlScalarNode scalar:
                var single = Expand(key, scalar);
                return single is not { } one || one.Value.Length == 0 ? [] : [one.Value];
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode itemScalar && Expand(key, itemScalar) is { } expanded)
                    {
                        items.Add(expanded.Value);
                    }
                    else if (item is not YamlScalarNode)
                    {
                        ErrorAt(item, $"{key} must be a list of strings, found {Describe(item)}");
                    }
                }

                return items;
            default:
                ErrorAt(option.Value, $"{key} must be a list of strings, found {Describe(option.Value)}");
                return [];
        }
    }

    /// <summary>
    /// Name/value pairs written as a mapping (<c>{a: 1}</c>) or as a list of two-item lists
    /// (<c>[[a, 1], [a, 2]]</c>, which lets a name repeat).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs(string key)
    {
        if (!_options.TryGetValue(key, out var option))
        {
            return [];
        }

        _used.Add(key);
        var pairs = new List<KeyValuePair<string, string>>();
        switch (option.Value)
        {
            case YamlMappingNode mapping:
                foreach (var (name, value) in mapping.Children)
                {
                    if (name is YamlScalarNode nameScalar && value is YamlScalarNode valueScalar
                        && Expand(key, nameScalar) is { } n && Expand(key, valueScalar) is { } v)
                    {
                        pairs.Add(new(n.Value, v.Value));
                    }
                    else if (name is not YamlScalarNode || value is not YamlScalarNode)
                    {
                        ErrorAt(value, $"{key} values must be single values, found {Describe(value)}");
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    if (TwoScalars(key, item, "[name, value]") is { } pair)
                    {
                        pairs.Add(new(pair.First, pair.Second));
                    }
                }

                break;
            case YamlScalarNode scalar when YamlSource.IsNull(scalar):
                break;
            default:
                ErrorAt(option.Value, $"{key} must be a mapping or a list of [name, value] pairs, found {Describe(option.Value)}");
                break;
        }

        return pairs;
    }

    /// <summary>A two-item list such as <c>[user, password]</c>, or null when absent or invalid.</summary>
    public (string First, string Second)? Pair(string key, string shape)
    {
        if (!_options.TryGetValue(key, out var option))
        {
            return null;
        }

        _used.Add(key);
        return option.Value is YamlScalarNode scalar && YamlSource.IsNull(scalar) ? null : TwoScalars(key, option.Value, shape);
    }

    /// <summary>Marks a value as secret: it is masked wherever it would be printed.</summary>
    public void Secret(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _load.Secrets.Add(value);
        }
    }

    private (string First, string Second)? TwoScalars(string key, YamlNode node, string shape)
    {
        if (node is YamlSequenceNode { Children.Count: 2 } pair
            && pair.Children[0] is YamlScalarNode first && pair.Children[1] is YamlScalarNode second)
        {
            return Expand(key, first) is { } a && Expand(key, second) is { } b ? (a.Value, b.Value) : null;
        }

        ErrorAt(node, $"{key} must be a list of two values, {shape}, found {Describe(node)}");
        return null;
    }

    /// <summary>Records a problem with an option's value, at that value's position.</summary>
    public void Error(string key, string problem)
    {
        if (_options.TryGetValue(key, out var option))
        {
            ErrorAt(option.Value, problem);
        }
        else
        {
            HasErrors = true;
            _load.Errors.Add(new ConfigurationError(Position, problem));
        }
    }

    /// <summary>
    /// Records something that does not stop a run but that --validate and -v report: at the option's
    /// value when it is written, else at the check.
    /// </summary>
    public void Warn(string key, string problem) =>
        _load.Warnings.Add(new ConfigurationError(_options.TryGetValue(key, out var option) ? _load.PositionOf(option.Value) : Position, problem));

    /// <summary>Options that no getter asked for: ignored at run time, listed by --validate.</summary>
    public IEnumerable<(string Name, SourcePosition Position)> UnusedOptions() =>
        _options.Where(o => !_used.Contains(o.Key)).Select(o => (o.Key, _load.PositionOf(o.Value.Key)));

    private const double MaxSeconds = 2_000_000;

    private bool TryScalar(string key, bool required, out ExpandedScalar scalar)
    {
        scalar = default;
        if (!_options.TryGetValue(key, out var option))
        {
            if (required)
            {
                HasErrors = true;
                _load.Errors.Add(new ConfigurationError(Position, $"{TypeName} check is missing required option '{key}'"));
            }

            return false;
        }

        _used.Add(key);
        if (option.Value is not YamlScalarNode node)
        {
            ErrorAt(option.Value, $"{key} must be a single value, found {Describe(option.Value)}");
            return false;
        }

        if (Expand(key, node) is not { } expanded)
        {
            return false;
        }

        scalar = expanded;
        return true;
    }

    private ExpandedScalar? Expand(string key, YamlScalarNode node)
    {
        var raw = YamlSource.IsNull(node) ? "" : node.Value ?? "";
        var substituted = new List<string>();
        var value = _load.Environment.Expand(raw, substituted, out var problem);
        if (problem is not null)
        {
            ErrorAt(node, $"{key}: {problem}");
            return null;
        }

        foreach (var secret in substituted)
        {
            _load.Secrets.Add(secret);
        }

        return new ExpandedScalar(value, substituted.Count > 0);
    }

    private void ErrorAt(YamlNode node, string problem)
    {
        HasErrors = true;
        _load.Errors.Add(new ConfigurationError(_load.PositionOf(node), problem));
    }

    private static string Show(ExpandedScalar scalar) =>
        scalar.FromEnvironment ? "the value from the environment" : $"'{scalar.Value}'";

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode { Children.Count: 1 } => "a list of 1 item",
        YamlSequenceNode sequence => $"a list of {sequence.Children.Count} items",
        YamlScalarNode s when YamlSource.IsNull(s) => "an empty value",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported value",
    };

    private readonly record struct ExpandedScalar(string Value, bool FromEnvironment);
}
