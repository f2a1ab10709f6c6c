using System.Globalization;
using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Output;

/// <summary>
/// --wait's one line of progress on a terminal's standard error, rewritten in place after each round:
/// how many checks still fail, which, and why. Masked here as every line of standard error is, and cut
/// to the terminal's width so that rewriting it never leaves a wrapped half behind.
/// </summary>
internal sealed class WaitProgressLine(TextWriter stderr, Redactor redactor, int width) : IProgress<WaitProgress>
{
    // Carriage return, then erase to the end of the line (ECMA-48 EL).
    private const string Rewind = "\r\u001b[K";

    private bool _shown;

    public void Report(WaitProgress value)
    {
        var text = Text(value, redactor);
        stderr.Write(Rewind + (text.Length < width ? text : text[..Math.Max(0, width - 1)]));
        stderr.Flush();
        _shown = true;
    }

    /// <summary>Removes the line, so that what follows starts on a clean line.</summary>
    public void Clear()
    {
        if (_shown)
        {
            stderr.Write(Rewind);
            stderr.Flush();
            _shown = false;
        }
    }

    /// <summary>
    /// <c>conn-check: waiting: 2 of 5 checks failing (tcp:db:5432, redis:cache:6379): Connection refused; next try in 1.5 s, 8 s left</c>,
    /// or <c>giving up in 0.7 s</c> when no try is left before the bound.
    /// </summary>
    internal static string Text(WaitProgress progress, Redactor redactor)
    {
        var names = string.Join(", ", progress.FailingNames.Take(2));
        var more = progress.FailingNames.Count > 2 ? $" and {progress.FailingNames.Count - 2} more" : "";
        var reason = progress.Reason is null ? "" : $": {redactor.Redact(progress.Reason)}";
        var checks = progress.Checks == 1 ? "check" : "checks";
        var next = progress.NextRound < progress.Left
            ? $"next try in {Seconds(progress.NextRound)} s, {Seconds(progress.Left)} s left"
            : $"giving up in {Seconds(progress.Left)} s";
        return $"conn-check: waiting: {progress.Failing} of {progress.Checks} {checks} failing ({names}{more}){reason}; {next}";
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
