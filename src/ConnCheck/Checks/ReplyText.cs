using System.Text;
using ConnCheck.Secrets;

namespace ConnCheck.Checks;

/// <summary>Shows bytes a peer sent as a short, printable, quoted string for messages.</summary>
internal static class ReplyText
{
    public const int MaxShown = 48;

    /// <summary>
    /// The first <see cref="MaxShown"/> characters of <paramref name="bytes"/>, quoted and escaped, with
    /// <paramref name="secrets"/> masked first: a secret cut in two by the shortening would escape masking.
    /// </summary>
    public static string Shorten(ReadOnlySpan<byte> bytes, Redactor secrets)
    {
        // Latin-1 maps each byte to one character, so escaping below still sees every byte as sent;
        // the redactor knows each secret's UTF-8 bytes in that form too.
        return Shorten(Encoding.Latin1.GetString(bytes), bytes.Length, secrets, MaxShown);
    }

    /// <summary>
    /// The first <paramref name="maxShown"/> characters of <paramref name="text"/> (decoded from
    /// <paramref name="byteCount"/> bytes), quoted and escaped, with <paramref name="secrets"/> masked
    /// before the cut. Characters outside printable ASCII are escaped (<c>\xe9</c>, <c>\u20ac</c>).
    /// </summary>
    public static string Shorten(string text, int byteCount, Redactor secrets, int maxShown)
    {
        var received = secrets.Redact(text);
        var shown = Math.Min(received.Length, maxShown);
        var quoted = new StringBuilder("\"");
        foreach (var c in received.AsSpan(0, shown))
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                >= ' ' and < '\x7f' => quoted.Append(c),
                <= '\xff' => quoted.Append($"\\x{(int)c:x2}"),
                _ => quoted.Append($"\\u{(int)c:x4}"),
            };
        }

        quoted.Append('"');
        if (received.Length > shown)
        {
            quoted.Append($"... ({byteCount} bytes)");
        }

        return quoted.ToString();
    }
}
