namespace ConnCheck.Generation;

/// <summary>What a <see cref="SettingsView"/> holds.</summary>
public enum SettingsKind
{
    /// <summary>Nothing: Python's <c>None</c>, JSON's <c>null</c>.</summary>
    Null,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number, kept as written.</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A list (a Python list or tuple, a JSON array).</summary>
    List,

    /// <summary>Keys and values (a Python dict, a configuration section).</summary>
    Map,
}
