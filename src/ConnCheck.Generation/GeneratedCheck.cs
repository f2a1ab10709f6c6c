using System.Collections;
using System.Globalization;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation;

/// <summary>
/// One check of the generated file: its <see cref="Type"/> and its options, written in the order
/// they were first added. Values are strings, integers, numbers, booleans, lists of strings, maps of
/// strings (such as http <c>headers</c>) or <see cref="SecretValue"/>s. Build one with a collection
/// initializer: <c>new GeneratedCheck("tcp") { { "host", "db.internal" }, { "port", 5432 } }</c>.
/// </summary>
public sealed class GeneratedCheck : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _options = [];

    /// <summary>A check of <paramref name="type"/> (<c>postgres</c>, <c>http</c>, ...) with no options yet.</summary>
    /// <param name="type">The check type, one conn-check knows (aliases such as <c>memcached</c> included).</param>
    public GeneratedCheck(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type;
    }

    /// <summary>The check type, written first as <c>type</c>.</summary>
    public string Type { get; }

    /// <summary>The number of options, <c>type</c> not counted.</summary>
    public int Count => _options.Count;

    /// <summary>The value of option <paramref name="name"/>, or null when it is not set.</summary>
    /// <param name="name">The option name.</param>
    public object? this[string name] => _options.FindIndex(o => o.Key == name) is var i and >= 0 ? _options[i].Value : null;

    /// <summary>Sets a string option (replacing any earlier value, in its place).</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value, written as a string even when it looks like a number.</param>
    public void Add(string name, string value) => Set(name, value);

    /// <summary>Sets an integer option, such as <c>port</c>.</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, int value) => Set(name, value);

    /// <summary>Sets a number option, such as a fractional <c>timeout</c>.</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value, finite.</param>
    public void Add(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.ToString(CultureInfo.InvariantCulture), "the value must be a finite number");
        }

        Set(name, value);
    }

    /// <summary>Sets a boolean option, such as <c>use_tls</c>.</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value.</param>
    public void Add(string name, bool value) => Set(name, value);

    /// <summary>Sets a list option, such as <c>tags</c>.</summary>
    /// <param name="name">The option name.</param>
    /// <param name="values">The items, copied.</param>
    public void Add(string name, IEnumerable<string> values) => Set(name, values.ToArray());

    /// <summary>Sets a mapping option, such as http <c>headers</c>.</summary>
    /// <param name="name">The option name.</param>
    /// <param name="values">The entries, copied in their order.</param>
    public void Add(string name, IEnumerable<KeyValuePair<string, string>> values) => Set(name, values.ToArray());

    /// <summary>Sets a secret option, such as <c>password</c>: its value or a <c>${NAME}</c> reference, as the generator is told.</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">The secret.</param>
    public void Add(string name, SecretValue value) => Set(name, value);

    /// <summary>Removes option <paramref name="name"/>; false when it was not set.</summary>
    /// <param name="name">The option name.</param>
    public bool Remove(string name) => _options.RemoveAll(o => o.Key == name) > 0;

    /// <summary>The options in the order they are written, <c>type</c> not included.</summary>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _options.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A string in which one part is a secret: a URL with a password in it.</summary>
    internal void Add(string name, SecretText value) => Set(name, value);

    private void Set(string name, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name == "type")
        {
            throw new ArgumentException("the type is given to the constructor", nameof(name));
        }

        var i = _options.FindIndex(o => o.Key == name);
        if (i >= 0)
        {
            _options[i] = new(name, value);
        }
        else
        {
            _options.Add(new(name, value));
        }
    }
}
