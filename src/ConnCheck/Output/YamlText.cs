using System.Globalization;
using System.Text;

namespace ConnCheck.Output;

/// <summary>
/// Scalars for the YAML blocks of TAP. They must read back the same both in YAML 1.2 and in the
/// YAMLish subset that TAP harnesses such as Perl's TAP::Parser (<c>prove</c>) understand: double
/// quotes with the escapes both know, and literal blocks only where both read them alike.
/// </summary>
internal static class YamlText
{
    /// <summary>A double-quoted scalar: <c>"a \"b\": c # d"</c>; control characters as <c>\n</c>, <c>\t</c> or <c>\xNN</c>.</summary>
    public static string Quoted(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                case < ' ' or (>= '\u007f' and <= '\u009f'):
                    quoted.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        {
                            quoted.Append(c).Append(text[++i]);
                        }
                        else
                        {
                            quoted.Append('\uFFFD');
                        }
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// Writes <c>KEY: |</c> and the text as a literal block indented <paramref name="indent"/> + 2 spaces,
    /// which keeps a multi-line traceback readable; falls back to <see cref="Quoted"/> on one line when
    /// the text has what a literal block cannot carry the same way to every reader (a first line that
    /// starts with a space, tabs, control characters).
    /// </summary>
    public static void WriteEntry(TextWriter writer, string indent, string key, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n', ' ').Split('\n');
        if (!CanBeLiteral(lines))
        {
            writer.Write($"{indent}{key}: {Quoted(text)}\n");
            return;
        }

        writer.Write($"{indent}{key}: |\n");
        var content = indent + "  ";
        foreach (var line in lines)
        {
            // An empty line keeps the block's indentation: YAMLish (and TAP's line reader) end the block at a line without it.
            writer.Write(content);
            writer.Write(line);
            writer.Write('\n');
        }
    }

    // Printable characters only (a surrogate pair, rare in a traceback, takes the quoted form, which checks pairing).
    private static bool CanBeLiteral(string[] lines) =>
        lines[0].Length > 0
        && lines[0][0] != ' '
        && lines.All(line => line.All(c => c is (>= ' ' and < '\u007f') || (c >= '\u00a0' && c != '\uFEFF' && !char.IsSurrogate(c))));
}
