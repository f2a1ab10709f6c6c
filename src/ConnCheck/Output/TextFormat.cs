using System.Globalization;
using System.Text;
using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// The 1.x text format (SPEC A6): <c>NAME OK</c>, <c>NAME FAILED - (INFO) MESSAGE</c>,
/// <c>SKIPPED: NAME</c>, and C3's <c>NAME WARNING - (INFO) MESSAGE</c>; held and printed in the
/// buffered order at the end, or printed as each result comes with -U.
/// </summary>
internal sealed class TextFormat(TextWriter writer, FormatSettings settings) : IResultFormat
{
    public static ResultFormat Entry { get; } = new("text", "1.x's lines: NAME OK, NAME FAILED - (INFO) MESSAGE, SKIPPED: NAME (the default)", (writer, settings) => new TextFormat(writer, settings));

    private readonly List<(CheckResult Result, string Text)> _held = [];

    public void Add(CheckResult result)
    {
        var text = Line(result, settings);
        if (settings.Streaming)
        {
            writer.Write(text);
            writer.Flush();
        }
        else
        {
            _held.Add((result, text));
        }
    }

    public void Close(RunSummary summary)
    {
        foreach (var (_, text) in ResultOrdering.Order(_held, h => h.Result.Status, h => h.Result.Name, h => h.Text))
        {
            writer.Write(text);
        }

        _held.Clear();
        writer.Flush();
    }

    /// <summary>The result's line (and with -t its indented error), ending with a newline.</summary>
    public static string Line(CheckResult result, FormatSettings settings)
    {
        var text = new StringBuilder();
        switch (result.Status)
        {
            case ResultStatus.Skipped:
                text.Append("SKIPPED: ").Append(result.Name).Append('\n');
                break;
            case ResultStatus.Ok:
                text.Append(result.Name).Append(" OK").Append(Duration(result, settings)).Append('\n');
                break;
            default:
                text.Append(result.Name).Append(result.Status == ResultStatus.Warning ? " WARNING" : " FAILED").Append(Duration(result, settings)).Append(" - ");
                if (result.Info is not null)
                {
                    text.Append('(').Append(result.Info).Append(") ");
                }

                text.Append(result.Message).Append('\n');
                if (settings.Tracebacks && result.Details is not null)
                {
                    foreach (var line in result.Details.Split('\n'))
                    {
                        text.Append("  ").Append(line.TrimEnd('\r')).Append('\n');
                    }
                }

                break;
        }

        return text.ToString();
    }

    private static string Duration(CheckResult result, FormatSettings settings) => settings.ShowDuration
        ? string.Create(CultureInfo.InvariantCulture, $" ({result.Duration.TotalMilliseconds:0.0} ms)")
        : "";
}
