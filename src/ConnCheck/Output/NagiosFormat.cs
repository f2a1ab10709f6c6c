using System.Globalization;
using System.Text;
using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// The Nagios plugin guidelines' output (SPEC C1): a status line with the state, a summary and the
/// counts as performance data; then the text format's lines (A6) as long text; then each result's
/// time as performance data, the first after a <c>|</c> on the last long-text line, the others one a line:
/// <code>
/// CONN-CHECK CRITICAL - 1 of 2 failed: tcp:db:5432 | ok=1;;;0;2 warning=0;;;0;2 failed=1;;;0;2 skipped=0;;;0;2 time=0.41s;;;0
/// tcp:db:5432 FAILED - (db:5432) Connection refused
/// tcp:web:443 OK | 'tcp:web:443'=0.012s;;;0;10
/// 'tcp:db:5432'=0.003s;;;0;10
/// </code>
/// </summary>
internal sealed class NagiosFormat(TextWriter writer, FormatSettings settings) : IResultFormat
{
    public static ResultFormat Entry { get; } = new(
        "nagios",
        "Nagios plugin output: CONN-CHECK STATE - summary | counts, the text lines, each result's time as perfdata",
        (writer, settings) => new NagiosFormat(writer, settings))
    {
        // A Nagios service that checks nothing is not healthy: it is misconfigured.
        NothingSelected = ExitCode.Unknown,
    };

    /// <summary>How many names of failures (or warnings) the status line lists before "and N more".</summary>
    public const int NamesShown = 3;

    private readonly List<CheckResult> _results = [];

    // Never streams, even with -U: the status line comes first and depends on every result.
    public void Add(CheckResult result) => _results.Add(result);

    public void Close(RunSummary summary)
    {
        var ordered = ResultOrdering.Order(_results, r => r.Status, r => r.Name, r => TextFormat.Line(r, settings)).ToList();
        var output = new StringBuilder();
        output.Append("CONN-CHECK ").Append(State(summary.ExitCode)).Append(" - ").Append(OneLine(Summary(summary, ordered)));
        if (!summary.NothingSelected)
        {
            output.Append(" | ").Append(CountsPerfdata(summary));
        }

        output.Append('\n');

        var longText = ordered
            .SelectMany(r => TextFormat.Line(r, settings).TrimEnd('\n').Split('\n').Select(OneLine))
            .ToList();
        var perfdata = ResultPerfdata(ResultOrdering.InFileOrder(_results)).ToList();
        for (var i = 0; i < longText.Count; i++)
        {
            output.Append(longText[i]);
            if (i == longText.Count - 1 && perfdata.Count > 0)
            {
                output.Append(" | ").Append(perfdata[0]);
            }

            output.Append('\n');
        }

        foreach (var item in perfdata.Skip(1))
        {
            output.Append(item).Append('\n');
        }

        writer.Write(output.ToString());
        writer.Flush();
        _results.Clear();
    }

    /// <summary>The state word of an exit status, so that the status line always agrees with the exit code.</summary>
    public static string State(ExitCode exitCode) => exitCode switch
    {
        ExitCode.Ok => "OK",
        ExitCode.Warning => "WARNING",
        ExitCode.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };

    private static string Summary(RunSummary summary, IReadOnlyList<CheckResult> ordered)
    {
        var counts = summary.Counts;
        if (summary.NothingSelected)
        {
            return "no checks selected";
        }

        if (counts.Failed > 0)
        {
            var text = Listed(counts, ResultStatus.Failed, "failed", ordered);
            return counts.Warning > 0 ? $"{text}; {Invariant(counts.Warning)} warning" : text;
        }

        if (counts.Warning > 0)
        {
            return Listed(counts, ResultStatus.Warning, "warning", ordered);
        }

        var ok = $"{Invariant(counts.Ok)} of {Invariant(counts.Total)} ok";
        return counts.Skipped > 0 ? $"{ok}, {Invariant(counts.Skipped)} skipped" : ok;
    }

    // The first names in the long text's order, so the first one named is the long text's first line.
    private static string Listed(ResultCounts counts, ResultStatus status, string word, IEnumerable<CheckResult> ordered)
    {
        // A loop, not Where(...).Select(...): Select on another operator's iterator is a generic virtual method
        // (see ConfigurationLoader.Load).
        var names = new List<string>();
        foreach (var result in ordered)
        {
            if (result.Status == status)
            {
                names.Add(result.Name);
            }
        }

        var text = new StringBuilder()
            .Append(Invariant(counts.Of(status))).Append(" of ").Append(Invariant(counts.Total)).Append(' ').Append(word).Append(": ")
            .AppendJoin(", ", names.Take(NamesShown));
        if (names.Count > NamesShown)
        {
            text.Append(" and ").Append(Invariant(names.Count - NamesShown)).Append(" more");
        }

        return text.ToString();
    }

    private static string CountsPerfdata(RunSummary summary)
    {
        var counts = summary.Counts;
        var total = Invariant(counts.Total);
        return $"ok={Invariant(counts.Ok)};;;0;{total} warning={Invariant(counts.Warning)};;;0;{total} " +
            $"failed={Invariant(counts.Failed)};;;0;{total} skipped={Invariant(counts.Skipped)};;;0;{total} " +
            $"time={DecimalSeconds.Of(summary.Duration)}s;;;0";
    }

    /// <summary>
    /// <c>'NAME'=0.012s;;;0;TIMEOUT</c> per result that ran, in file order: graphing add-ons that number
    /// their data sources by position then keep each result's graph whatever the states do.
    /// A name that comes again (duplicate checks, SPEC A2) gets <c> #2</c>, <c> #3</c>: one label, one value.
    /// </summary>
    private static IEnumerable<string> ResultPerfdata(IEnumerable<CheckResult> results)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in results.Where(r => r.Status != ResultStatus.Skipped))
        {
            var label = PerfdataLabel(result.Name);
            seen[label] = seen.GetValueOrDefault(label) + 1;
            if (seen[label] > 1)
            {
                label = $"{label} #{Invariant(seen[label])}";
            }

            var max = result.Subject is { } subject ? DecimalSeconds.Of(subject.Timeout) : null;
            yield return $"'{label.Replace("'", "''", StringComparison.Ordinal)}'={DecimalSeconds.Of(result.Duration)}s;;;0{(max is null ? "" : ";" + max)}";
        }
    }

    /// <summary>
    /// A result name as a perfdata label. The guidelines allow any character but <c>=</c> (which ends the
    /// label) and <c>'</c> (doubled inside the quotes, by the caller); <c>=</c> becomes <c>%3D</c>,
    /// as in a URL, where it mostly occurs (query strings of http names).
    /// </summary>
    public static string PerfdataLabel(string name) => OneLine(name).Replace("=", "%3D", StringComparison.Ordinal);

    /// <summary>
    /// Text as one line of plugin output: a <c>|</c> would start performance data there, so it is
    /// written <c>%7C</c> (as in a URL, where it mostly occurs), and a line break becomes a space.
    /// </summary>
    public static string OneLine(string text) => text
        .Replace("|", "%7C", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
