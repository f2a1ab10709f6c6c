using System.Globalization;
using ConnCheck.Configuration.Yaml;
using ConnCheck.Secrets;

namespace ConnCheck.Configuration;

/// <summary>
/// Reads one check's options from its YAML mapping. Each getter casts and validates its value and
/// records a positioned error instead of throwing, so one run of the loader reports every problem.
/// Secret options (SPEC C2) are read with the secret getters: their values are registered for masking
/// as they are read, and no message about them ever quotes what was written.
/// </summary>
internal sealed class OptionReader
{
    // The check's mapping, searched in place: with the handful of options a check has, a linear search
    // is cheaper than building a dictionary, which for a file of many checks was a good part of reading it.
    private readonly YamlMappingNode _mapping;

    // Which of the mapping's entries a getter read, by index.
    private readonly bool[] _used;

    // Every option a getter asked for, written or not, by this check or another of its type.
    private readonly HashSet<string> _known;
    private readonly LoadContext _load;

    public OptionReader(YamlMappingNode mapping, string typeName, LoadContext load)
    {
        _load = load;
        TypeName = typeName;
        if (!load.KnownOptions.TryGetValue(typeName, out var known))
        {
            load.KnownOptions[typeName] = known = new HashSet<string>(StringComparer.Ordinal);
        }

        _known = known;
        Position = load.PositionOf(mapping);
        _mapping = mapping;
        _used = new bool[mapping.Children.Count];
        TryGet("type", out _, take: true);
    }

    /// <summary>The canonical type name, used in messages ("tcp check").</summary>
    public string TypeName { get; }

    /// <summary>Where the check's mapping starts.</summary>
    public SourcePosition Position { get; }

    public bool HasErrors { get; private set; }

    /// <summary>Whether the option is written at all (even with an empty value).</summary>
    public bool Has(string key)
    {
        _known.Add(key);
        return _mapping.IndexOf(key) >= 0;
    }

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
    public string? String(string key, bool required = false) =>
        TryScalar(key, required, secret: false, out var scalar) ? scalar : null;

    /// <summary>A secret option's value (a password): masked wherever it would be printed.</summary>
    public Secret? SecretString(string key, bool required = false) =>
        TryScalar(key, required, secret: true, out var scalar) ? Register(scalar) : null;

    /// <summary>
    /// A user and password written <c>[user, password]</c>, or null when absent or invalid; the
    /// password is a secret, and a value of the wrong shape is described without being quoted.
    /// </summary>
    public (string User, Secret Password)? Credentials(string key)
    {
        _known.Add(key);
        if (!TryGet(key, out var option, take: true))
        {
            return null;
        }

        if (option.Value is YamlScalarNode scalar && YamlSource.IsNull(scalar))
        {
            return null;
        }

        return TwoScalars(key, option.Value, "[user, password]", secondIsSecret: true) is { } pair
            ? (pair.First, Register(pair.Second))
            : null;
    }

    /// <summary>
    /// Registers <paramref name="value"/>, found inside a non-secret option (the password of a URL), as a
    /// secret. Prefer the secret getters, which register what they read.
    /// </summary>
    public void Secret(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _load.Secrets.Add(value);
        }
    }

    /// <summary>A path written in the file: absolute, or relative to the file's directory.</summary>
    public string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(_load.File));
        return string.IsNullOrEmpty(directory) ? path : Path.Combine(directory, path);
    }

    /// <summary>The option's text as written in the file, before <c>${VAR}</c> expansion: safe to quote in a message.</summary>
    public string? Written(string key) =>
        TryGet(key, out var option) && option.Value is YamlScalarNode { Value: { } written } ? written : null;

    /// <summary>An integer option in [min, max], cast from a string if need be.</summary>
    public int? Integer(string key, int min, int max, bool required = false)
    {
        if (!TryScalar(key, required, secret: false, out var scalar))
        {
            return null;
        }

        var text = scalar.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        var range = max == int.MaxValue ? $"an integer of at least {min}" : $"an integer from {min} to {max}";
        Error(key, $"{key} must be {range}, not {Printable.Quote(scalar)}");
        return null;
    }

    /// <summary>A boolean option (true/false, yes/no, on/off, as YAML 1.1 reads them).</summary>
    public bool Bool(string key, bool defaultValue)
    {
        if (!TryScalar(key, required: false, secret: false, out var scalar) || scalar.Length == 0)
        {
            return defaultValue;
        }

        switch (scalar.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "y":
                return true;
            case "false" or "no" or "off" or "n":
                return false;
            default:
                Error(key, $"{key} must be true or false, not {Printable.Quote(scalar)}");
                return defaultValue;
        }
    }

    /// <summary>A positive number of seconds, possibly fractional.</summary>
    public TimeSpan? Seconds(string key)
    {
        if (!TryScalar(key, required: false, secret: false, out var scalar) || scalar.Length == 0)
        {
            return null;
        }

        if (double.TryParse(scalar.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0 && seconds <= MaxSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        Error(key, $"{key} must be a number of seconds greater than 0 (at most {MaxSeconds}), not {Printable.Quote(scalar)}");
        return null;
    }

    /// <summary>A list of strings; a single value counts as a list of one.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        _known.Add(key);
        if (!TryGet(key, out var option, take: true))
        {
            return [];
        }

        switch (option.Value)
        {
            case YamlScalarNode scalar:
                var single = Expand(key, scalar, secret: false);
                return single is not { Length: > 0 } one ? [] : [one];
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode itemScalar && Expand(key, itemScalar, secret: false) is { } expanded)
                    {
                        items.Add(expanded);
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
    /// A single value or a list of single values, each with where it stands, for options whose items
    /// are validated one by one (<see cref="Error(OptionItem, string)"/>). Null when the option is absent
    /// or not of that shape (reported); an empty value is one empty item.
    /// </summary>
    public IReadOnlyList<OptionItem>? Items(string key, string shape)
    {
        _known.Add(key);
        if (!TryGet(key, out var option, take: true))
        {
            return null;
        }

        switch (option.Value)
        {
            case YamlScalarNode scalar:
                return Expand(key, scalar, secret: false) is { } single ? [new OptionItem(single, scalar)] : null;
            case YamlSequenceNode { Children.Count: 0 }:
                ErrorAt(option.Value, $"{key} must be {shape}, found an empty list");
                return null;
            case YamlSequenceNode sequence:
                var items = new List<OptionItem>();
                foreach (var item in sequence)
                {
                    if (item is not YamlScalarNode itemScalar)
                    {
                        ErrorAt(item, $"{key} must be {shape}, found {Describe(item)} in the list");
                    }
                    else if (Expand(key, itemScalar, secret: false) is { } expanded)
                    {
                        items.Add(new OptionItem(expanded, itemScalar));
                    }
                }

                return items.Count == sequence.Children.Count ? items : null;
            default:
                ErrorAt(option.Value, $"{key} must be {shape}, found {Describe(option.Value)}");
                return null;
        }
    }

    /// <summary>Records a problem with one item of an option read by <see cref="Items"/>, at that item's position.</summary>
    public void Error(OptionItem item, string problem) => ErrorAt(item.Node, problem);

    /// <summary>
    /// Name/value pairs written as a mapping (<c>{a: 1}</c>) or as a list of two-item lists
    /// (<c>[[a, 1], [a, 2]]</c>, which lets a name repeat). The value of a pair whose name
    /// <paramref name="isSecret"/> accepts is a secret (a cookie, an Authorization header).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs(string key, Func<string, bool>? isSecret = null)
    {
        _known.Add(key);
        if (!TryGet(key, out var option, take: true))
        {
            return [];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        switch (option.Value)
        {
            case YamlMappingNode mapping:
                foreach (var (name, value) in mapping.Children)
                {
                    if (name is YamlScalarNode nameScalar && value is YamlScalarNode valueScalar
                        && Expand(key, nameScalar, secret: false) is { } n
                        && Expand(key, valueScalar, isSecret?.Invoke(n) == true) is { } v)
                    {
                        pairs.Add(new(n, isSecret?.Invoke(n) == true ? Register(v).Reveal() : v));
                    }
                    else if (name is not YamlScalarNode || value is not YamlScalarNode)
                    {
                        ErrorAt(value, $"{key} values must be single values, found {Describe(value, isSecret is not null)}");
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    if (TwoScalars(key, item, "[name, value]", secondIsSecret: isSecret is not null, isSecret) is { } pair)
                    {
                        pairs.Add(new(pair.First, isSecret?.Invoke(pair.First) == true ? Register(pair.Second).Reveal() : pair.Second));
                    }
                }

                break;
            case YamlScalarNode scalar when YamlSource.IsNull(scalar):
                break;
            default:
                ErrorAt(option.Value, $"{key} must be a mapping or a list of [name, value] pairs, found {Describe(option.Value, isSecret is not null)}");
                break;
        }

        return pairs;
    }

    // isSecret, when given, decides from the first value whether the second is a secret; without it,
    // secondIsSecret does. Either way, a value of the wrong shape is quoted only when nothing in it is secret.
    private (string First, string Second)? TwoScalars(string key, YamlNode node, string shape, bool secondIsSecret, Func<string, bool>? isSecret = null)
    {
        if (node is YamlSequenceNode { Children.Count: 2 } pair
            && pair.Children[0] is YamlScalarNode first && pair.Children[1] is YamlScalarNode second)
        {
            return Expand(key, first, secret: false) is { } a && Expand(key, second, isSecret?.Invoke(a) ?? secondIsSecret) is { } b ? (a, b) : null;
        }

        ErrorAt(node, $"{key} must be a list of two values, {shape}, found {Describe(node, secondIsSecret)}");
        return null;
    }

    private Secret Register(string value)
    {
        Secret(value);
        return value.Length == 0 ? Secrets.Secret.Empty : new Secret(value);
    }

    /// <summary>Records a problem with an option's value, at that value's position.</summary>
    public void Error(string key, string problem)
    {
        if (TryGet(key, out var option))
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
        _load.Warnings.Add(new ConfigurationError(TryGet(key, out var option) ? _load.PositionOf(option.Value) : Position, problem));

    /// <summary>
    /// Options that no getter asked for: ignored at run time, listed by --validate. <c>Meant</c> is the
    /// known option, not written, that one is a <see cref="NearMiss"/> of (<c>timout</c>: <c>timeout</c>).
    /// </summary>
    public IReadOnlyList<(string Name, SourcePosition Position, string? Meant)> UnusedOptions()
    {
        List<(string, SourcePosition, string?)>? unused = null;
        var options = _mapping.Children;
        for (var i = 0; i < options.Count; i++)
        {
            if (!_used[i])
            {
                var name = options[i].Key.Value;
                unused ??= [];
                unused.Add((name, _load.PositionOf(options[i].Key), NearMiss.Find(name, _known.Where(k => _mapping.IndexOf(k) < 0))));
            }
        }

        return unused ?? (IReadOnlyList<(string, SourcePosition, string?)>)[];
    }

    // The option written under key, if any; take: and record that a getter read it.
    private bool TryGet(string key, out KeyValuePair<YamlScalarNode, YamlNode> option, bool take = false)
    {
        var index = _mapping.IndexOf(key);
        option = index >= 0 ? _mapping.Children[index] : default;
        if (take && index >= 0)
        {
            _used[index] = true;
        }

        return index >= 0;
    }

    private const double MaxSeconds = 2_000_000;

    private bool TryScalar(string key, bool required, bool secret, out string scalar)
    {
        scalar = "";
        _known.Add(key);
        if (!TryGet(key, out var option, take: true))
        {
            if (required)
            {
                HasErrors = true;
                _load.Errors.Add(new ConfigurationError(Position, $"{TypeName} check is missing required option '{key}'"));
            }

            return false;
        }

        if (option.Value is not YamlScalarNode node)
        {
            ErrorAt(option.Value, $"{key} must be a single value, found {Describe(option.Value, secret)}");
            return false;
        }

        if (Expand(key, node, secret) is not { } expanded)
        {
            return false;
        }

        scalar = expanded;
        return true;
    }

    // Only a secret option's value is a secret, whether written out or taken from the environment
    // (C2): the caller registers it; a ${VAR} in a host or port is printed like any value.
    private string? Expand(string key, YamlScalarNode node, bool secret)
    {
        var raw = YamlSource.IsNull(node) ? "" : node.Value ?? "";
        var value = _load.Environment.Expand(raw, secret, out var problem);
        if (problem is not null)
        {
            ErrorAt(node, $"{key}: {problem}");
            return null;
        }

        return value;
    }

    private void ErrorAt(YamlNode node, string problem)
    {
        HasErrors = true;
        _load.Errors.Add(new ConfigurationError(_load.PositionOf(node), problem));
    }

    /// <summary>What a node is, for messages; a scalar is quoted unless <paramref name="secret"/>.</summary>
    internal static string Describe(YamlNode node, bool secret = false) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode { Children.Count: 1 } => "a list of 1 item",
        YamlSequenceNode sequence => $"a list of {sequence.Children.Count} items",
        YamlScalarNode s when YamlSource.IsNull(s) => "an empty value",
        YamlScalarNode when secret => "a single value",
        YamlScalarNode s => Printable.Quote(s.Value ?? ""),
        _ => "an unsupported value",
    };
}

/// <summary>One value of an option read by <see cref="OptionReader.Items"/>: its text (after <c>${VAR}</c> expansion) and where it stands.</summary>
internal sealed record OptionItem(string Value, YamlNode Node);
