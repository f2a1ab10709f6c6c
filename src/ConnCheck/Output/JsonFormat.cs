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
        _json.WriteString(Names.Name, result.Name);
        StringOrNull(Names.Type, subject?.Type);
        StringOrNull(Names.Host, subject?.Host);
        NumberOrNull(Names.Port, subject?.Port);
        _json.WriteStartArray(Names.Tags);
        foreach (var tag in subject?.Tags ?? [])
        {
            _json.WriteStringValue(tag);
        }

        _json.WriteEndArray();
        StringOrNull(Names.Check, subject?.Label);
        NumberOrNull(Names.Line, subject?.Line);
        _json.WriteString(Names.Status, ResultStatusNames.Of(result.Status));
        StringOrNull(Names.Message, result.Message);
        StringOrNull(Names.Stage, result is { Status: ResultStatus.Failed, Stage: { } stage } ? FailureStageNames.Of(stage) : null);
        _json.WriteNumber(Names.DurationSeconds, result.Duration.TotalSeconds);
        StringOrNull(Names.Info, result.Info);
        if (result.Certificate is { } certificate)
        {
            _json.WriteStartObject(Names.Certificate);
            _json.WriteString(Names.Subject, certificate.Subject);
            _json.WriteString(Names.NotAfter, Rfc3339.Format(certificate.NotAfter));
            _json.WriteEndObject();
        }
        else
        {
            _json.WriteNull(Names.Certificate);
        }

        if (_settings.Tracebacks)
        {
            StringOrNull(Names.Traceback, result.Details);
        }

        _json.WriteEndObject();
    }

    private void StringOrNull(JsonEncodedText property, string? value)
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

    private void NumberOrNull(JsonEncodedText property, int? value)
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

    // Each result's property names, escaped once rather than once a result; in a class of their own so
    // that they are made when a JSON document is first written, not at every start (the encoder's tables).
    private static class Names
    {
        public static readonly JsonEncodedText Certificate = JsonEncodedText.Encode("certificate");
        public static readonly JsonEncodedText Check = JsonEncodedText.Encode("check");
        public static readonly JsonEncodedText DurationSeconds = JsonEncodedText.Encode("duration_seconds");
        public static readonly JsonEncodedText Host = JsonEncodedText.Encode("host");
        public static readonly JsonEncodedText Info = JsonEncodedText.Encode("info");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText NotAfter = JsonEncodedText.Encode("not_after");
        public static readonly JsonEncodedText Port = JsonEncodedText.Encode("port");
        public static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
        public static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
        public static readonly JsonEncodedText Traceback = JsonEncodedText.Encode("traceback");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    }
}
