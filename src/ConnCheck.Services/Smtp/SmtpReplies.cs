using System.Globalization;
using System.Text;
using MailKit.Net.Smtp;

namespace ConnCheck.Services.Smtp;

/// <summary>Server replies as they appear in messages: code and text on one line.</summary>
internal static class SmtpReplies
{
    private const int MaxShown = 200;

    /// <summary><c>550 no such recipient here</c>, from a reply's code and text.</summary>
    public static string Show(SmtpStatusCode code, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)code} {Flatten(text)}").TrimEnd();

    /// <summary>A raw reply as the server sent it (<c>550-a\r\n550 b\r\n</c>) on one line: <c>550 a b</c>.</summary>
    public static string OneLine(string raw)
    {
        var lines = raw.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return "(no reply)";
        }

        var text = new StringBuilder(lines[0].Length > 3 ? lines[0][..3] : lines[0]);
        foreach (var line in lines)
        {
            // "550-text" and "550 text": the code once, then the texts.
            text.Append(' ').Append(line.Length > 4 ? line[4..] : "");
        }

        return Flatten(text.ToString());
    }

    /// <summary>Control characters become spaces and a long text is cut: a reply is shown, never trusted.</summary>
    private static string Flatten(string text)
    {
        var flat = new StringBuilder(Math.Min(text.Length, MaxShown + 3));
        foreach (var c in text)
        {
            if (flat.Length >= MaxShown)
            {
                flat.Append("...");
                break;
            }

            flat.Append(char.IsControl(c) ? ' ' : c);
        }

        return string.Join(' ', flat.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
