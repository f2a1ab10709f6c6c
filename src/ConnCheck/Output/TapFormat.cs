using System.Globalization;
using System.Text;
using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// TAP version 13 (SPEC C1), as Perl's <c>prove</c> reads it and TAP 14 harnesses accept:
/// <c>ok N - NAME</c>, <c>not ok N - NAME</c>, <c>ok N - NAME # SKIP REASON</c>, with a YAML block
/// (message, severity, stage, duration) under each failure and each warning, and one with the check's
/// <c>name</c> option (<c>check</c>) under every result of a check that has one. A warning is <c>ok</c>:
/// the service works, and a harness must not fail on it; its block says <c>severity: warning</c>.
/// Buffered, results come in file order with the plan first; with -U each result is written as it
/// completes and the plan comes last, which TAP allows.
/// </summary>
internal sealed class TapFormat(TextWriter writer, FormatSettings settings) : IResultFormat
{
    public static ResultFormat Entry { get; } = new("tap", "TAP version 13 for prove and TAP harnesses: ok / not ok per result, a YAML block under failures and warnings", (writer, settings) => new TapFormat(writer, settings));

    private const string Indent = "  ";

    private readonly List<CheckResult> _held = [];
    private bool _versionWritten;
    private int _number;

    public void Add(CheckResult result)
    {
        if (!settings.Streaming)
        {
            _held.Add(result);
            return;
        }

        WriteVersion();
        WriteResult(result);
        writer.Flush();
    }

    public void Close(RunSummary summary)
    {
        WriteVersion();
        if (settings.Streaming)
        {
            WritePlan(_number);
        }
        else
        {
            WritePlan(_held.Count);
            foreach (var result in ResultOrdering.InFileOrder(_held))
            {
                WriteResult(result);
            }

            _held.Clear();
        }

        writer.Flush();
    }

    /// <summary>A test description: one line, with <c>\</c> and <c>#</c> escaped so that no part of a name reads as a directive.</summary>
    public static string Description(string text) => OneLine(text)
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("#", "\\#", StringComparison.Ordinal);

    private void WriteVersion()
    {
        if (!_versionWritten)
        {
            _versionWritten = true;
            writer.Write("TAP version 13\n");
        }
    }

    // "1..0" with a SKIP directive is TAP's way to say that nothing was there to run: harnesses count it as skipped, not failed.
    private void WritePlan(int count) =>
        writer.Write(count == 0 ? "1..0 # SKIP no checks selected\n" : $"1..{count}\n");

    private void WriteResult(CheckResult result)
    {
        _number++;
        var line = new StringBuilder(result.Status == ResultStatus.Failed ? "not ok " : "ok ")
            .Append(_number.ToString(CultureInfo.InvariantCulture))
            .Append(" - ")
            .Append(Description(result.Name));
        if (result.Status == ResultStatus.Skipped)
        {
            line.Append(" # SKIP ").Append(OneLine(result.Message ?? "not run"));
        }

        writer.Write(line.Append('\n').ToString());
        if (result.Status is ResultStatus.Failed or ResultStatus.Warning)
        {
            WriteDiagnostics(result);
        }
        else if (result.Subject?.Label is { } label)
        {
            // The check's name option has no place in a TAP line: a block of its own carries it.
            writer.Write($"{Indent}---\n{Indent}check: {YamlText.Quoted(label)}\n{Indent}...\n");
        }
    }

    private void WriteDiagnostics(CheckResult result)
    {
        writer.Write($"{Indent}---\n");
        if (result.Subject?.Label is { } label)
        {
            writer.Write($"{Indent}check: {YamlText.Quoted(label)}\n");
        }

        writer.Write($"{Indent}message: {YamlText.Quoted(result.Message ?? "")}\n");
        writer.Write($"{Indent}severity: {(result.Status == ResultStatus.Failed ? "fail" : "warning")}\n");
        if (result is { Status: ResultStatus.Failed, Stage: { } stage })
        {
            writer.Write($"{Indent}stage: {FailureStageNames.Of(stage)}\n");
        }

        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Indent}duration_ms: {result.Duration.TotalMilliseconds:0.###}\n"));
        if (settings.Tracebacks && result.Details is { } details)
        {
            YamlText.WriteEntry(writer, Indent, "traceback", details);
        }

        writer.Write($"{Indent}...\n");
    }

    private static string OneLine(string text) => text.Contains('\n') || text.Contains('\r')
        ? text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
        : text;
}
