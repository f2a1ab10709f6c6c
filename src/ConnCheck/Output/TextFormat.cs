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
    public static string Line(CheckResult result, FormatSettings settings) => result.Status switch
    {
        ResultStatus.Skipped => $"SKIPPED: {result.Name}\n",
        ResultStatus.Ok => $"{result.Name} OK{Duration(result, settings)}\n",
        _ => Failure(result, settings),
    };

    private static string Failure(CheckResult result, FormatSettings settings)
    {
        var word = result.Status == ResultStatus.Warning ? "WARNING" : "FAILED";
        var line = result.Info is null
            ? $"{result.Name} {word}{Duration(result, settings)} - {result.Message}\n"
            : $"{result.Name} {word}{Duration(result, settings)} - ({result.Info}) {result.Message}\n";
        if (!settings.Tracebacks || result.Details is null)
        {
            return line;
        }

        var text = new StringBuilder(line);
        foreach (var detail in result.Details.Split('\n'))
        {
            text.Append("  ").Append(detail.TrimEnd('\r')).Append('\n');
        }

        return text.ToString();
    }

    private static string Duration(CheckResult result, FormatSettings settings) => settings.ShowDuration
        ? string.Create(CultureInfo.InvariantCulture, $" ({result.Duration.TotalMilliseconds:0.0} ms)")
        : "";
}
