using System.Text;

namespace ConnCheck.Secrets;

/// <summary>
/// Standard error as the commands write it: every line passes through the same <see cref="Redactor"/>
/// as the results, once the configuration has said what is secret, whoever writes it (a configuration
/// error, a warning, a bug's message and traceback).
/// </summary>
internal sealed class MaskingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    public Redactor Redactor { get; set; } = Redactor.None;

    public override Encoding Encoding => inner.Encoding;

    /// <summary>
    /// Masks <paramref name="writer"/>'s lines with <paramref name="redactor"/> too from now on, when it is a
    /// <see cref="MaskingWriter"/>. Secrets are only ever added: serve, reloading its configuration, still
    /// masks the previous configuration's secrets in a line about its last run.
    /// </summary>
    public static void Use(TextWriter writer, Redactor redactor)
    {
        if (writer is MaskingWriter masking)
        {
            masking.Redactor = masking.Redactor.With(redactor);
        }
    }

    public override void Write(char value)
    {
        _line.Append(value);
        if (value == '\n')
        {
            WritePending();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // Whole lines at a time: a secret split across two writes is still seen whole.
        var start = 0;
        for (var newline = value.IndexOf('\n'); newline >= 0; newline = value.IndexOf('\n', start))
        {
            _line.Append(value, start, newline + 1 - start);
            WritePending();
            start = newline + 1;
        }

        _line.Append(value, start, value.Length - start);
    }

    public override void WriteLine(string? value) => Write(value + NewLine);

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        WritePending();
        inner.Flush();
    }

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void WritePending()
    {
        if (_line.Length > 0)
        {
            inner.Write(Redactor.Redact(_line.ToString()));
            _line.Clear();
        }
    }
}
