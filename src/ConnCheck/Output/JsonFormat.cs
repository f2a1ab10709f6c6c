using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// One JSON document (SPEC C1), described by <c>schemas/conn-check-results.schema.json</c>: the
/// producer and configuration file, every result in file order, then the run's start time,
/// duration, status, exit code and counts. The summary comes last so that with -U the document can
/// be written as the run goes — head first, each result as it completes — and still be one valid
/// document; buffered output keeps the same field order, so a reader sees one shape either way.
/// </summary>
internal sealed class JsonFormat : IResultFormat
{
    public static ResultFormat Entry { get; } = new("json", "one JSON document: the run's summary and every result with its type, host, port, tags, status, stage and duration", (writer, settings) => new JsonFormat(writer, settings));

    /// <summary>The document's <c>format_version</c>: raised when a field changes meaning or goes away, not when one is added.</summary>
    public const int FormatVersion = 1;

    // Buffered output is passed on to the writer in pieces of about this size rather than held whole.
    private const int DrainAt = 64 * 1024;

    private readonly TextWriter _writer;
    private readonly FormatSettings _settings;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _json;
    private readonly List<CheckResult> _held = [];
    private bool _headWritten;

    public JsonFormat(TextWriter writer, FormatSettings settings)
    {
        _writer = writer;
        _settings = settings;

        // The relaxed encoder leaves non-ASCII letters and characters such as '+', '<' or '\'' as they are,
        // which keeps names readable; the document is read as JSON, never embedded in HTML.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Add(CheckResult result)
    {
        if (!_settings.Streaming)
        {
            _held.Add(result);
            return;
        }

        WriteHead();
        WriteResult(result);
        Drain();
        _writer.Flush();
    }

    public void Close(RunSummary summary)
    {
        WriteHead();
        foreach (var result in ResultOrdering.InFileOrder(_held))
        {
            WriteResult(result);
            if (_buffer.WrittenCount + _json.BytesPending >= DrainAt)
            {
                Drain();
            }
        }

        _held.Clear();
        _json.WriteEndArray();
        _json.WriteString("start_time", Rfc3339.Format(summary.Started));
        _json.WriteNumber("duration_seconds", summary.Duration.TotalSeconds);
        _json.WriteString("status", ResultStatusNames.Overall(summary.Counts));
        _json.WriteNumber("exit_code", (int)summary.ExitCode);
        _json.WriteStartObject("counts");
        _json.WriteNumber("ok", summary.Counts.Ok);
        _json.WriteNumber("warning", summary.Counts.Warning);
        _json.WriteNumber("failed", summary.Counts.Failed);
        _json.WriteNumber("skipped", summary.Counts.Skipped);
        _json.WriteNumber("total", summary.Counts.Total);
        _json.WriteEndObject();
        _json.WriteEndObject();
        Drain();
        _writer.Write('\n');
        _writer.Flush();
    }

    private void WriteHead()
    {
        if (_headWritten)
        {
            return;
        }

        _headWritten = true;
        _json.WriteStartObject();
        _json.WriteNumber("format_version", FormatVersion);
        _json.WriteString("conn_check_version", _settings.Version);
        _json.WriteString("config_file", _settings.ConfigFile);
        _json.WriteStartArray("results");
    }

    private void WriteResult(CheckResult result)
    {
        var subject = result.Subject;
        _json.WriteStartObject();
        _json.WriteString("name", result.Name);
        StringOrNull("type", subject?.Type);
        StringOrNull("host", subject?.Host);
        NumberOrNull("port", subject?.Port);
        _json.WriteStartArray("tags");
        foreach (var tag in subject?.Tags ?? [])
        {
            _json.WriteStringValue(tag);
        }

        _json.WriteEndArray();
        StringOrNull("check", subject?.Label);
        NumberOrNull("line", subject?.Line);
        _json.WriteString("status", ResultStatusNames.Of(result.Status));
        StringOrNull("message", result.Message);
        StringOrNull("stage", result is { Status: ResultStatus.Failed, Stage: { } stage } ? FailureStageNames.Of(stage) : null);
        _json.WriteNumber("duration_seconds", result.Duration.TotalSeconds);
        StringOrNull("info", result.Info);
        if (result.Certificate is { } certificate)
        {
            _json.WriteStartObject("certificate");
            _json.WriteString("subject", certificate.Subject);
            _json.WriteString("not_after", Rfc3339.Format(certificate.NotAfter));
            _json.WriteEndObject();
        }
        else
        {
            _json.WriteNull("certificate");
        }

        if (_settings.Tracebacks)
        {
            StringOrNull("traceback", result.Details);
        }

        _json.WriteEndObject();
    }

    private void StringOrNull(string property, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(property);
        }
        else
        {
            _json.WriteString(property, value);
        }
    }

    private void NumberOrNull(string property, int? value)
    {
        if (value is { } number)
        {
            _json.WriteNumber(property, number);
        }
        else
        {
            _json.WriteNull(property);
        }
    }

    // Hands what the JSON writer has produced to the text writer; each piece ends between two values,
    // so no UTF-8 sequence is ever cut in two.
    private void Drain()
    {
        _json.Flush();
        _writer.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }
}
