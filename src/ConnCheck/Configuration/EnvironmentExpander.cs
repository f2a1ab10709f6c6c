using System.Text;

namespace ConnCheck.Configuration;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in configuration values; <c>$$</c> is a literal
/// <c>$</c> and any other <c>$</c> is kept as written, so existing values such as passwords with a
/// <c>$</c> in them keep working.
/// </summary>
internal sealed class EnvironmentExpander(Func<string, string?> lookup)
{
    public static EnvironmentExpander FromProcess { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>Expands <paramref name="value"/>.</summary>
    /// <param name="value">The value as written.</param>
    /// <param name="secret">Whether the value is a secret's: then a problem never quotes any of it.</param>
    /// <param name="problem">Why the value could not be expanded, or null.</param>
    public string Expand(string value, bool secret, out string? problem)
    {
        problem = null;
        if (!value.Contains('$'))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c != '$' || i + 1 >= value.Length)
            {
                result.Append(c);
                i++;
                continue;
            }

            var next = value[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i += 2;
                continue;
            }

            if (next != '{')
            {
                result.Append(c);
                i++;
                continue;
            }

            var close = value.IndexOf('}', i + 2);
            if (close < 0)
            {
                problem = "unterminated '${' (write '$$' for a literal '$')";
                return value;
            }

            var body = value.AsSpan(i + 2, close - i - 2);
            var separator = body.IndexOf(":-", StringComparison.Ordinal);
            var name = (separator < 0 ? body : body[..separator]).ToString();
            if (!IsVariableName(name))
            {
                // In a secret, the text between the braces may be part of the password itself.
                problem = secret
                    ? "'${...}' does not hold a valid environment variable name (write '$$' for a literal '$')"
                    : $"{Printable.Quote(name)} is not a valid environment variable name in '${{...}}' (write '$$' for a literal '$')";
                return value;
            }

            var found = lookup(name);
            if (found is not null && (found.Length > 0 || separator < 0))
            {
                result.Append(found);
            }
            else if (separator >= 0)
            {
                result.Append(body[(separator + 2)..]);
            }
            else
            {
                var shown = Printable.Escape(name);
                problem = $"environment variable {shown} is not set (use ${{{shown}:-default}} to give a default)";
                return value;
            }

            i = close + 1;
        }

        return result.ToString();
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_');
}
