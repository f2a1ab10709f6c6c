using System.Globalization;
using System.Text;
using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// The 1.x text format: <c>NAME OK</c>, <c>NAME FAILED - (INFO) MESSAGE</c>, <c>SKIPPED: NAME</c>.
/// Every line passes through the <see cref="Redactor"/>.
/// </summary>
internal sealed class TextOutput(TextWriter writer, TextOutputOptions options, Redactor redactor) : IResultObserver
{
    private readonly Lock _gate = new();
    private readonly List<(CheckResult Result, string Text)> _held = [];
    private bool _anyFailed;

    public void Started(string name, string? info)
    {
        if (!options.Verbose)
        {
            return;
        }

        var line = redactor.Redact($"Starting {name}{(info is null ? "" : $" ({info})")}...");
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public void Completed(CheckResult result)
    {
        var text = redactor.Redact(Format(result));
        lock (_gate)
        {
            _anyFailed |= result.Status == ResultStatus.Failed;
            if (options.Buffered)
            {
                _held.Add((result, text));
            }
            else
            {
                writer.Write(text);
                writer.Flush();
            }
        }
    }

    /// <summary>Prints what was held and returns the exit status: 2 if anything failed, else 0.</summary>
    public int Finish()
    {
        lock (_gate)
        {
            foreach (var (_, text) in ResultOrdering.Order(_held, h => h.Result.Status, h => h.Result.Name, h => h.Text))
            {
                writer.Write(text);
            }

            _held.Clear();
            writer.Flush();
            return _anyFailed ? 2 : 0;
        }
    }

    private string Format(CheckResult result)
    {
        var text = new StringBuilder();
        switch (result.Status)
        {
            case ResultStatus.Skipped:
                text.Append("SKIPPED: ").Append(result.Name).Append('\n');
                break;
            case ResultStatus.Ok:
                text.Append(result.Name).Append(" OK").Append(Duration(result)).Append('\n');
                break;
            default:
                text.Append(result.Name).Append(" FAILED").Append(Duration(result)).Append(" - ");
                if (result.Info is not null)
                {
                    text.Append('(').Append(result.Info).Append(") ");
                }

                text.Append(result.Message).Append('\n');
                if (options.Tracebacks && result.Error is not null)
                {
                    foreach (var line in result.Error.ToString().Split('\n'))
                    {
                        text.Append("  ").Append(line.TrimEnd('\r')).Append('\n');
                    }
                }

                break;
        }

        return text.ToString();
    }

    private string Duration(CheckResult result) => options.ShowDuration
        ? string.Create(CultureInfo.InvariantCulture, $" ({result.Duration.TotalMilliseconds:0.0} ms)")
        : "";
}
