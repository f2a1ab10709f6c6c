using System.Text;

namespace ConnCheck.Generation;

/// <summary>
/// A secret option value, such as a password. It is written as its value, or, when the generator
/// runs with <see cref="GeneratorOptions.SecretsAsEnvironment"/>, as a <c>${VariableName}</c>
/// reference that conn-check expands from its environment when it loads the file, so that the
/// generated file can be committed.
/// </summary>
public sealed class SecretValue
{
    /// <summary>A secret <paramref name="value"/> that would be read from <paramref name="variableName"/>.</summary>
    /// <param name="value">The secret itself.</param>
    /// <param name="variableName">The environment variable to name instead of the value: letters, digits and <c>_</c>, not starting with a digit.</param>
    /// <exception cref="ArgumentException"><paramref name="variableName"/> is not a valid environment variable name.</exception>
    public SecretValue(string value, string variableName)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsVariableName(variableName))
        {
            throw new ArgumentException($"'{variableName}' is not an environment variable name (letters, digits and '_', not starting with a digit)", nameof(variableName));
        }

        Value = value;
        VariableName = variableName;
    }

    /// <summary>The secret itself.</summary>
    public string Value { get; }

    /// <summary>The environment variable that holds the secret when the file is written with references.</summary>
    public string VariableName { get; }

    /// <summary>
    /// An environment variable name made of <paramref name="parts"/>: joined with <c>_</c>, upper-cased,
    /// every other character than a letter or digit made <c>_</c>
    /// (<c>NameFrom("ConnectionStrings:Db", "PASSWORD")</c> is <c>CONNECTIONSTRINGS_DB_PASSWORD</c>).
    /// </summary>
    /// <param name="parts">The setting's key path and what the value is.</param>
    public static string NameFrom(params IEnumerable<string> parts)
    {
        var name = new StringBuilder();
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                var mapped = char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_';
                if (mapped != '_' || (name.Length > 0 && name[^1] != '_'))
                {
                    name.Append(mapped);
                }
            }

            if (name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        var text = name.ToString().TrimEnd('_');
        return text.Length == 0 ? "SECRET" : char.IsAsciiDigit(text[0]) ? "_" + text : text;
    }

    /// <summary>The reference, never the value: secrets stay out of logs and messages.</summary>
    public override string ToString() => $"${{{VariableName}}}";

    internal static bool IsVariableName(string? name) =>
        !string.IsNullOrEmpty(name)
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
