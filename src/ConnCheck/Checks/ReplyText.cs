using System.Text;

namespace ConnCheck.Checks;

/// <summary>Shows bytes a peer sent as a short, printable, quoted string for messages.</summary>
internal static class ReplyText
{
    public const int MaxShown = 48;

    public static string Shorten(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("\"");
        var shown = Math.Min(bytes.Length, MaxShown);
        foreach (var b in bytes[..shown])
        {
            _ = b switch
            {
                (byte)'"' => text.Append("\\\""),
                (byte)'\\' => text.Append("\\\\"),
                (byte)'\n' => text.Append("\\n"),
                (byte)'\r' => text.Append("\\r"),
                (byte)'\t' => text.Append("\\t"),
                >= 0x20 and < 0x7f => text.Append((char)b),
                _ => text.Append($"\\x{b:x2}"),
            };
        }

        text.Append('"');
        if (bytes.Length > shown)
        {
            text.Append($"... ({bytes.Length} bytes)");
        }

        return text.ToString();
    }
}
