using System.Globalization;
using System.Text;

namespace ConnCheck;

/// <summary>
/// Values echoed in messages (a bad option, a line of an export file from another host): quoted,
/// control characters escaped so that nothing can rewrite the terminal or forge a line, and shortened
/// so that a 50 MB value makes a one-line message.
/// </summary>
internal static class Printable
{
    public const int MaxLength = 80;

    /// <summary><paramref name="value"/> in single quotes, escaped and shortened to <see cref="MaxLength"/> characters.</summary>
    public static string Quote(string value) => $"'{Escape(value)}'";

    /// <summary><paramref name="value"/> with control characters escaped, shortened to <paramref name="maxLength"/> characters with "...".</summary>
    public static string Escape(string value, int maxLength = MaxLength)
    {
        var shown = value.Length > maxLength ? value.AsSpan(0, maxLength) : value;
        if (shown.Length == value.Length && !value.Any(IsEscaped))
        {
            return value;
        }

        var text = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            _ = c switch
            {
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when IsEscaped(c) => text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => text.Append(c),
            };
        }

        return shown.Length < value.Length ? text.Append("...").ToString() : text.ToString();
    }

    // C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a terminal shows.
    private static bool IsEscaped(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
