using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Tests.Output;

/// <summary>How the text tests run the output: -U, -v, -d and -t as 1.x named them.</summary>
internal sealed record TextOutputOptions(bool Buffered = true, bool Verbose = false, bool ShowDuration = false, bool Tracebacks = false);

/// <summary>The result pipeline with text on standard output, as the command sets it up without --format.</summary>
internal sealed class TextPipeline(TextWriter writer, TextOutputOptions options, Redactor redactor) : IResultObserver
{
    private readonly ResultPipeline _pipeline = ResultPipeline.Open(
        [new FormatRequest(TextFormat.Entry, null)],
        new FormatSettings(Streaming: !options.Buffered, ShowDuration: options.ShowDuration, Tracebacks: options.Tracebacks),
        options.Verbose,
        redactor,
        writer,
        TextWriter.Null,
        TimeProvider.System);

    public void Started(string name, string? info) => _pipeline.Started(name, info);

    public void Completed(CheckResult result) => _pipeline.Completed(result);

    public int Finish() => (int)_pipeline.Finish();
}
