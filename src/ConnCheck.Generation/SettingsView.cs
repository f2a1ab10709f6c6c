using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace ConnCheck.Generation;

/// <summary>
/// An application's settings as plain data, read-only: a Django settings module (the root maps each
/// upper-case setting name to its value) or a .NET configuration (the root maps each top-level
/// section; keys ignore case, and every value is a string). Missing keys read as null, so
/// <c>settings.GetString("PROXY_HOST")</c> is null rather than an error when the setting is absent.
/// </summary>
public sealed class SettingsView
{
    private static readonly IReadOnlyList<SettingsView> NoItems = [];
    private static readonly IReadOnlyList<KeyValuePair<string, SettingsView>> NoEntries = [];

    private readonly string? _scalar;
    private readonly IReadOnlyList<SettingsView> _items = NoItems;
    private readonly IReadOnlyList<KeyValuePair<string, SettingsView>> _entries = NoEntries;
    private readonly Dictionary<string, SettingsView>? _byKey;

    private SettingsView(SettingsKind kind, string? scalar)
    {
        Kind = kind;
        _scalar = scalar;
    }

    private SettingsView(IReadOnlyList<SettingsView> items)
    {
        Kind = SettingsKind.List;
        _items = items;
    }

    private SettingsView(IReadOnlyList<KeyValuePair<string, SettingsView>> entries, IEqualityComparer<string> comparer)
    {
        Kind = SettingsKind.Map;
        _entries = entries;
        _byKey = new Dictionary<string, SettingsView>(comparer);
        foreach (var (key, value) in entries)
        {
            _byKey[key] = value;
        }
    }

    private IReadOnlySet<string> _defaults = new HashSet<string>();

    /// <summary>
    /// Whether the value under <paramref name="key"/> is the framework's default rather than one the
    /// application set: for Django, a global setting the settings module never mentions (such as
    /// <c>EMAIL_HOST</c>'s <c>localhost</c>). False when there is no such key.
    /// </summary>
    /// <param name="key">A top-level setting name.</param>
    public bool IsDefault(string key) => Contains(key) && _defaults.Contains(key);

    /// <summary>These settings, with <paramref name="names"/> marked as the framework's defaults.</summary>
    internal SettingsView WithDefaults(IEnumerable<string> names)
    {
        _defaults = names.ToHashSet(StringComparer.Ordinal);
        return this;
    }

    /// <summary>What this value is.</summary>
    public SettingsKind Kind { get; }

    /// <summary>The items of a list; empty for anything else.</summary>
    public IReadOnlyList<SettingsView> Items => _items;

    /// <summary>The entries of a map, in their order; empty for anything else.</summary>
    public IReadOnlyList<KeyValuePair<string, SettingsView>> Entries => _entries;

    /// <summary>The value under <paramref name="key"/> in a map; null when this is no map or has no such key.</summary>
    /// <param name="key">The key (for .NET configuration, one level: <c>settings["ConnectionStrings"]?["Db"]</c>).</param>
    public SettingsView? this[string key] => _byKey is not null && _byKey.TryGetValue(key, out var value) ? value : null;

    /// <summary>Item <paramref name="index"/> of a list; null when this is no list or the index is out of range.</summary>
    /// <param name="index">The zero-based index.</param>
    public SettingsView? this[int index] => index >= 0 && index < _items.Count ? _items[index] : null;

    /// <summary>Whether this is a map with <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    public bool Contains(string key) => _byKey?.ContainsKey(key) == true;

    /// <summary>A string, number or boolean as text (numbers as written, booleans <c>true</c>/<c>false</c>); null for anything else.</summary>
    public string? AsString() => _scalar;

    /// <summary>A number, or a string of digits, that fits an <see cref="int"/>; null for anything else.</summary>
    public int? AsInt32() =>
        Kind is SettingsKind.Number or SettingsKind.String
        && int.TryParse(_scalar?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>A boolean, or the string <c>true</c> or <c>false</c> in any case; null for anything else.</summary>
    public bool? AsBoolean() =>
        Kind is SettingsKind.Boolean or SettingsKind.String && bool.TryParse(_scalar?.Trim(), out var value) ? value : null;

    /// <summary><c>this[key]?.AsString()</c>.</summary>
    /// <param name="key">The key.</param>
    public string? GetString(string key) => this[key]?.AsString();

    /// <summary><c>this[key]?.AsInt32()</c>.</summary>
    /// <param name="key">The key.</param>
    public int? GetInt32(string key) => this[key]?.AsInt32();

    /// <summary>
    /// Python's truth, which settings code relies on (<c>if settings.BROKER_HOST:</c>): false for null,
    /// false, zero, the empty string and empty containers.
    /// </summary>
    public bool IsTruthy() => Kind switch
    {
        SettingsKind.Null => false,
        SettingsKind.Boolean => _scalar == "true",
        SettingsKind.Number => double.TryParse(_scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number != 0,
        SettingsKind.String => _scalar!.Length > 0,
        SettingsKind.List => _items.Count > 0,
        _ => _entries.Count > 0,
    };

    /// <summary>The value as JSON-like text, for messages.</summary>
    public override string ToString() => Kind switch
    {
        SettingsKind.Null => "null",
        SettingsKind.String => Quote(_scalar!),
        SettingsKind.Number or SettingsKind.Boolean => _scalar!,
        SettingsKind.List => "[" + string.Join(", ", _items) + "]",
        _ => "{" + string.Join(", ", _entries.Select(e => $"{Quote(e.Key)}: {e.Value}")) + "}",
    };

    /// <summary>Settings from JSON text (an object at the top); keys match exactly, as in Python.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static SettingsView FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Settings from a .NET configuration: its sections as maps, its values as strings; keys ignore case.</summary>
    /// <param name="configuration">The configuration, layered as the application layers it.</param>
    public static SettingsView FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return FromSections(configuration.GetChildren());
    }

    internal static SettingsView FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SettingsView(
            element.EnumerateObject().Select(p => new KeyValuePair<string, SettingsView>(p.Name, FromJson(p.Value))).ToList(),
            StringComparer.Ordinal),
        JsonValueKind.Array => new SettingsView(element.EnumerateArray().Select(FromJson).ToList()),
        JsonValueKind.String => new SettingsView(SettingsKind.String, element.GetString()),
        JsonValueKind.Number => new SettingsView(SettingsKind.Number, element.GetRawText()),
        JsonValueKind.True => new SettingsView(SettingsKind.Boolean, "true"),
        JsonValueKind.False => new SettingsView(SettingsKind.Boolean, "false"),
        _ => new SettingsView(SettingsKind.Null, null),
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static SettingsView FromSections(IEnumerable<IConfigurationSection> sections) =>
        new(
            sections.Select(s => new KeyValuePair<string, SettingsView>(s.Key, FromSection(s))).ToList(),
            StringComparer.OrdinalIgnoreCase);

    // A key with both a value and keys below it (possible when layers disagree) reads as its keys:
    // that is what binding it to an object would see.
    private static SettingsView FromSection(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        return children.Count > 0 ? FromSections(children)
            : section.Value is { } value ? new SettingsView(SettingsKind.String, value)
            : new SettingsView(SettingsKind.Null, null);
    }
}
