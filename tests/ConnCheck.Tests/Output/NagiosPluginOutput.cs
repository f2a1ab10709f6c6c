using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnCheck.Tests.Output;

/// <summary>
/// Plugin output read strictly by the Nagios plugin guidelines (Nagios Plugin Development Guidelines,
/// "Plugin Output" and "Performance data"):
/// <code>
/// TEXT OUTPUT | OPTIONAL PERFDATA
/// LONG TEXT LINE 1
/// ...
/// LONG TEXT LINE N | PERFDATA LINE 2
/// PERFDATA LINE 3
/// </code>
/// and each perfdata item <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>: a label with spaces is
/// single-quoted, a quote inside doubled; no <c>=</c> in a label; value, min and max are <c>[-0-9.]</c>;
/// UOM one of s, us, ms, %, B, KB, MB, TB, c; trailing empty fields may be dropped.
/// </summary>
internal sealed partial record NagiosPluginOutput(string State, string Text, IReadOnlyList<NagiosPerfdata> StatusPerfdata, IReadOnlyList<string> LongText, IReadOnlyList<NagiosPerfdata> LongPerfdata)
{
    private static readonly string[] Units = ["", "s", "us", "ms", "%", "B", "KB", "MB", "TB", "c"];

    public static NagiosPluginOutput Parse(string output)
    {
        if (!output.EndsWith('\n'))
        {
            throw new FormatException("output does not end with a line break");
        }

        var lines = output[..^1].Split('\n');
        var (status, statusPerfdata) = SplitAtPipe(lines[0]);
        var match = StatusLine().Match(status);
        if (!match.Success)
        {
            throw new FormatException($"not a status line: {lines[0]}");
        }

        var longText = new List<string>();
        var longPerfdata = new List<NagiosPerfdata>();
        var inPerfdata = false;
        foreach (var line in lines.Skip(1))
        {
            if (inPerfdata)
            {
                longPerfdata.AddRange(Items(line));
                continue;
            }

            var (text, perfdata) = SplitAtPipe(line);
            longText.Add(text);
            if (perfdata is not null)
            {
                longPerfdata.AddRange(Items(perfdata));
                inPerfdata = true;
            }
        }

        return new NagiosPluginOutput(match.Groups["state"].Value, match.Groups["text"].Value, statusPerfdata is null ? [] : Items(statusPerfdata), longText, longPerfdata);
    }

    /// <summary>Every perfdata item, of the status line and after the long text.</summary>
    public IEnumerable<NagiosPerfdata> Perfdata => StatusPerfdata.Concat(LongPerfdata);

    private static (string Text, string? Perfdata) SplitAtPipe(string line)
    {
        var pipe = line.IndexOf('|');
        if (pipe < 0)
        {
            return (line, null);
        }

        if (line.IndexOf('|', pipe + 1) >= 0)
        {
            throw new FormatException($"two '|' on one line: {line}");
        }

        if (pipe == 0 || line[pipe - 1] != ' ' || pipe + 1 >= line.Length || line[pipe + 1] != ' ')
        {
            throw new FormatException($"'|' not between spaces: {line}");
        }

        return (line[..(pipe - 1)], line[(pipe + 2)..]);
    }

    private static List<NagiosPerfdata> Items(string text)
    {
        var items = new List<NagiosPerfdata>();
        var at = 0;
        while (at < text.Length)
        {
            string label;
            if (text[at] == '\'')
            {
                var end = at + 1;
                while (true)
                {
                    end = text.IndexOf('\'', end);
                    if (end < 0)
                    {
                        throw new FormatException($"unterminated quoted label in {text}");
                    }

                    if (end + 1 < text.Length && text[end + 1] == '\'')
                    {
                        end += 2;
                        continue;
                    }

                    break;
                }

                label = text[(at + 1)..end].Replace("''", "'", StringComparison.Ordinal);
                at = end + 1;
            }
            else
            {
                var end = text.IndexOf('=', at);
                if (end < 0)
                {
                    throw new FormatException($"no '=' after the label in {text[at..]}");
                }

                label = text[at..end];
                if (label.Contains(' ', StringComparison.Ordinal) || label.Contains('\'', StringComparison.Ordinal))
                {
                    throw new FormatException($"an unquoted label with a space or quote: {label}");
                }

                at = end;
            }

            if (label.Length == 0 || label.Contains('=', StringComparison.Ordinal))
            {
                throw new FormatException($"empty label or '=' in a label: {label}");
            }

            if (at >= text.Length || text[at] != '=')
            {
                throw new FormatException($"no '=' after label {label}");
            }

            var space = text.IndexOf(' ', at);
            var item = space < 0 ? text[(at + 1)..] : text[(at + 1)..space];
            items.Add(Item(label, item));
            at = space < 0 ? text.Length : space + 1;
        }

        return items;
    }

    private static NagiosPerfdata Item(string label, string text)
    {
        var fields = text.Split(';');
        if (fields.Length > 5)
        {
            throw new FormatException($"more than five fields: {label}={text}");
        }

        var match = ValueWithUnit().Match(fields[0]);
        if (!match.Success || !Units.Contains(match.Groups["unit"].Value))
        {
            throw new FormatException($"not a value with a unit of measure: {label}={text}");
        }

        string Field(int i) => i < fields.Length ? fields[i] : "";
        foreach (var threshold in new[] { Field(1), Field(2) })
        {
            if (threshold.Length > 0 && !Threshold().IsMatch(threshold))
            {
                throw new FormatException($"not a threshold range: {threshold} in {label}={text}");
            }
        }

        return new NagiosPerfdata(label, Number(match.Groups["value"].Value)!.Value, match.Groups["unit"].Value, Field(1), Field(2), Number(Field(3)), Number(Field(4)));
    }

    private static decimal? Number(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (!PlainNumber().IsMatch(text))
        {
            throw new FormatException($"not a number of the class [-0-9.]: {text}");
        }

        return decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^CONN-CHECK (?<state>OK|WARNING|CRITICAL|UNKNOWN) - (?<text>.+)$")]
    private static partial Regex StatusLine();

    [GeneratedRegex("^(?<value>-?[0-9]+(?:\\.[0-9]+)?)(?<unit>[a-zA-Z%]*)$")]
    private static partial Regex ValueWithUnit();

    [GeneratedRegex("^-?[0-9]+(?:\\.[0-9]+)?$")]
    private static partial Regex PlainNumber();

    [GeneratedRegex("^@?(?:~|-?[0-9]+(?:\\.[0-9]+)?)?:?(?:-?[0-9]+(?:\\.[0-9]+)?)?$")]
    private static partial Regex Threshold();
}
