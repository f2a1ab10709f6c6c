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
        var received = secrets.Redact(Encoding.Latin1.GetString(bytes));
        var text = new StringBuilder("\"");
        var shown = Math.Min(received.Length, MaxShown);
        foreach (var c in received.AsSpan(0, shown))
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                >= ' ' and < '\x7f' => text.Append(c),
                _ => text.Append($"\\x{(int)c:x2}"),
            };
        }

        text.Append('"');
        if (received.Length > shown)
        {
            text.Append($"... ({bytes.Length} bytes)");
        }

        return text.ToString();
    }
}
