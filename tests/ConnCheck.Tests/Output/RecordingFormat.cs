using ConnCheck.Output;
using ConnCheck.Running;

namespace ConnCheck.Tests.Output;

/// <summary>A format that writes one line per call it gets, so tests see what the pipeline hands every format.</summary>
internal sealed class RecordingFormat(TextWriter writer) : IResultFormat
{
    public static ResultFormat Entry { get; } = new("recording", "every call, one line each", (writer, _) => new RecordingFormat(writer));

    /// <summary>The same, but a run that selects nothing is UNKNOWN in it, as in nagios.</summary>
    public static ResultFormat StrictEntry { get; } = Entry with { Name = "strict", NothingSelected = ExitCode.Unknown };

    public void Add(CheckResult result) =>
        writer.WriteLine($"add {result.Name} {result.Status} {result.Message} | {result.Info} | {result.Subject?.Host} | {string.Join(',', result.Subject?.Tags ?? [])} | {result.Details?.Split('\n')[0]} | {result.Error is null}");

    public void Close(RunSummary summary) =>
        writer.WriteLine($"close {summary.Counts.Total} {summary.ExitCode} {summary.NothingSelected}");
}
