using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Output;

/// <summary>
/// Where a run's results go: every result is redacted once, counted, and handed to each requested
/// format in turn (one at a time: formats need no locks); at the end each format is closed, files
/// are put in place, and the run's exit status decided.
/// </summary>
internal sealed class ResultPipeline : IResultObserver, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(IResultFormat Format, AtomicFile? File)> _outputs;
    private readonly ExitCode _nothingSelected;
    private readonly Redactor _redactor;
    private readonly TextWriter? _progress;
    private readonly bool _tracebacks;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private readonly long _startedAt;
    private readonly ResultCounts _counts = new();

    private ResultPipeline(List<(IResultFormat, AtomicFile?)> outputs, ExitCode nothingSelected, Redactor redactor, TextWriter? progress, bool tracebacks, TimeProvider time)
    {
        _outputs = outputs;
        _nothingSelected = nothingSelected;
        _redactor = redactor;
        _progress = progress;
        _tracebacks = tracebacks;
        _time = time;
        _started = time.GetUtcNow();
        _startedAt = time.GetTimestamp();
    }

    /// <summary>
    /// Opens every requested output: formats on <paramref name="stdout"/> or, each, a temporary file
    /// beside its path. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>
    /// (having removed what it created) when a file cannot be written.
    /// </summary>
    /// <param name="requests">The formats and where each goes.</param>
    /// <param name="settings">How the formats write.</param>
    /// <param name="verbose">-v: print <c>Starting NAME (INFO)...</c> as each subcheck starts, on standard output where text goes there, else on <paramref name="stderr"/>.</param>
    /// <param name="redactor">The secrets to mask in everything printed.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="time">The clock of the run's start time and duration.</param>
    public static ResultPipeline Open(IReadOnlyList<FormatRequest> requests, FormatSettings settings, bool verbose, Redactor redactor, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var outputs = OpenAll(requests, settings, stdout);
        var progress = !verbose ? null
            : requests.Any(r => r.ToStdout && r.Format == ResultFormats.Default) ? stdout
            : stderr;
        var nothingSelected = requests.Max(r => r.Format.NothingSelected);
        return new ResultPipeline(outputs, nothingSelected, redactor, progress, settings.Tracebacks, time);
    }

    /// <summary>
    /// Opens a pipeline whose formats each write to a writer of their own, buffered (no -v progress), and
    /// to the files of <paramref name="files"/>: serve keeps every run's results in memory, in the formats
    /// its endpoints answer with, and writes them to the files asked for with --format.
    /// </summary>
    public static ResultPipeline OpenTo(IReadOnlyList<(ResultFormat Format, TextWriter Writer)> outputs, IReadOnlyList<FormatRequest> files, FormatSettings settings, Redactor redactor, TimeProvider time)
    {
        var buffered = settings with { Streaming = false };
        var opened = outputs.Select(o => (o.Format.Create(o.Writer, buffered), (AtomicFile?)null)).ToList();
        opened.AddRange(OpenAll(files, buffered, stdout: TextWriter.Null));
        return new ResultPipeline(opened, outputs.Max(o => o.Format.NothingSelected), redactor, progress: null, settings.Tracebacks, time);
    }

    private static List<(IResultFormat, AtomicFile?)> OpenAll(IReadOnlyList<FormatRequest> requests, FormatSettings settings, TextWriter stdout)
    {
        var outputs = new List<(IResultFormat, AtomicFile?)>();
        try
        {
            foreach (var request in requests)
            {
                if (request.Path is { } path)
                {
                    var file = AtomicFile.Create(path);
                    outputs.Add((request.Format.Create(file.Writer, settings with { Streaming = false }), file));
                }
                else
                {
                    outputs.Add((request.Format.Create(stdout, settings), null));
                }
            }
        }
        catch
        {
            foreach (var (_, file) in outputs)
            {
                file?.Dispose();
            }

            throw;
        }

        return outputs;
    }

    /// <summary>How many results have ended in each status so far.</summary>
    public ResultCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return _counts.Copy();
            }
        }
    }

    public void Started(string name, string? info) => Started(name, info, null);

    /// <summary>-v: <c>Starting NAME (INFO)...</c>, with <c>[check: LABEL]</c> before the dots for a check that has a <c>name</c>.</summary>
    public void Started(string name, string? info, string? label)
    {
        if (_progress is null)
        {
            return;
        }

        // Names and info texts are built from what is not secret (URL credentials already shown as ***);
        // a label is written freely, and masked here like a message.
        var shownLabel = label is null ? "" : $" [check: {_redactor.Redact(label).ReplaceLineEndings(" ")}]";
        var line = $"Starting {name}{(info is null ? "" : $" ({info})")}{shownLabel}...";
        lock (_gate)
        {
            _progress.WriteLine(line);
            _progress.Flush();
        }
    }

    public void Completed(CheckResult result)
    {
        var redacted = Redact(result);
        lock (_gate)
        {
            _counts.Add(redacted.Status);
            foreach (var (format, _) in _outputs)
            {
                format.Add(redacted);
            }
        }
    }

    /// <summary>Closes every format, puts every file in place, and returns the run's exit status.</summary>
    public ExitCode Finish()
    {
        lock (_gate)
        {
            var exitCode = _counts.Total == 0 ? _nothingSelected : _counts.ExitCode;
            var summary = new RunSummary(_started, _time.GetElapsedTime(_startedAt), _counts, exitCode);

            // Each format writes to a stream of its own, and by now nothing else runs: several formats
            // write side by side, so that asking for three files costs little more than one. One format,
            // the usual run, writes here: starting parallel workers would cost more than it writes.
            if (_outputs.Count == 1)
            {
                Close(_outputs[0], summary);
                return exitCode;
            }

            try
            {
                Parallel.ForEach(_outputs, output => Close(output, summary));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }

            return exitCode;
        }
    }

    private static void Close((IResultFormat Format, AtomicFile? File) output, RunSummary summary)
    {
        output.Format.Close(summary);
        output.File?.Commit();
    }

    public void Dispose()
    {
        foreach (var (_, file) in _outputs)
        {
            file?.Dispose();
        }
    }

    // Once, here, for every format: the texts that come from peers and drivers (messages, tracebacks)
    // have been through the redactor. Names, hosts, labels and tags are built from options that are
    // not secret, and masking never changes them (SPEC C2).
    private CheckResult Redact(CheckResult result) => _redactor.IsEmpty && result.Error is null ? result : result with
    {
        Message = result.Message is null ? null : _redactor.Redact(result.Message),
        Details = _tracebacks && result.Error is not null ? _redactor.Redact(result.Error.ToString()) : null,
        Error = null,
    };
}
