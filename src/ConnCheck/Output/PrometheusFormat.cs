using System.Globalization;
using System.Text;
using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// The Prometheus text exposition format, version 0.0.4 (SPEC C1): per result that ran,
/// <c>conn_check_up</c>, <c>conn_check_duration_seconds</c> and, where a TLS handshake saw one,
/// <c>conn_check_certificate_expiry_timestamp_seconds</c>, labelled <c>name</c>, <c>type</c>,
/// <c>host</c>, <c>port</c>, <c>check</c>; then the run's start, duration and counts per status.
/// Written to a file, it is what node_exporter's textfile collector reads.
/// </summary>
/// <remarks>
/// Labels that a result does not have (a host, a port, the check's <c>name</c>) are left out rather
/// than written empty: Prometheus treats an empty label as an absent one, so both name the same
/// series, and leaving it out keeps every family of one result on the same label set.
/// </remarks>
internal sealed class PrometheusFormat(TextWriter writer) : IResultFormat
{
    public static ResultFormat Entry { get; } = new(
        "prometheus",
        "Prometheus text exposition: conn_check_up, durations and certificate expiry per result, run time and counts (for node_exporter's textfile collector)",
        (writer, _) => new PrometheusFormat(writer));

    private const string Gauge = "gauge";

    private readonly List<CheckResult> _results = [];

    // Never streams, even with -U: the exposition needs every result before its first line (each
    // family is written whole, and duplicate series are merged), and its readers take the file whole.
    public void Add(CheckResult result)
    {
        // A skipped subcheck never ran: it has no up, no duration, and a 0 would page someone.
        if (result.Status != ResultStatus.Skipped)
        {
            _results.Add(result);
        }
    }

    public void Close(RunSummary summary)
    {
        var series = Merge(ResultOrdering.InFileOrder(_results));
        var text = new StringBuilder();
        Family(text, "conn_check_up", "Whether the result was OK or WARNING (1) or FAILED (0); skipped results are left out.",
            series.Select(s => (s.Labels, Number(s.Up))));
        Family(text, "conn_check_duration_seconds", "How long the result's subcheck took.",
            series.Select(s => (s.Labels, Number(s.DurationSeconds))));
        Family(text, "conn_check_certificate_expiry_timestamp_seconds", "When the server certificate that the subcheck's TLS handshake saw expires, in seconds since the Unix epoch.",
            series.Where(s => s.CertificateExpiry is not null).Select(s => (s.Labels, Number(s.CertificateExpiry!.Value))));
        Family(text, "conn_check_run_timestamp_seconds", "When the run started, in seconds since the Unix epoch.",
            [("", Number(summary.Started.ToUnixTimeMilliseconds() / 1000.0))]);
        Family(text, "conn_check_run_duration_seconds", "How long the whole run took.",
            [("", Number(summary.Duration.TotalSeconds))]);
        // Every status, zeros included: a series that appears only when non-zero cannot be alerted on.
        Family(text, "conn_check_results", "How many results of the run ended in each status.",
            Enum.GetValues<ResultStatus>().Select(s => ($"{{status=\"{ResultStatusNames.Of(s)}\"}}", Number(summary.Counts.Of(s)))));

        writer.Write(text.ToString());
        writer.Flush();
        _results.Clear();
    }

    /// <summary>One series per label set, in the order of each set's first result.</summary>
    private static List<PrometheusSeries> Merge(IEnumerable<CheckResult> results)
    {
        var series = new List<PrometheusSeries>();
        var byLabels = new Dictionary<string, PrometheusSeries>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var labels = Labels(result);
            if (!byLabels.TryGetValue(labels, out var one))
            {
                one = new PrometheusSeries(labels);
                byLabels.Add(labels, one);
                series.Add(one);
            }

            one.Add(result.Status != ResultStatus.Failed, result.Duration.TotalSeconds, result.Certificate?.NotAfter.ToUnixTimeSeconds());
        }

        return series;
    }

    /// <summary><c>{name="tcp:[::1]:5432",type="tcp",host="::1",port="5432",check="db"}</c>.</summary>
    public static string Labels(CheckResult result)
    {
        var text = new StringBuilder("{");
        Label(text, "name", result.Name);
        if (result.Subject is { } subject)
        {
            Label(text, "type", subject.Type);
            if (subject.Host is { } host)
            {
                Label(text, "host", host);
            }

            if (subject.Port is { } port)
            {
                Label(text, "port", port.ToString(CultureInfo.InvariantCulture));
            }

            if (subject.Label is { } check)
            {
                Label(text, "check", check);
            }
        }

        return text.Append('}').ToString();
    }

    private static void Label(StringBuilder text, string name, string value)
    {
        if (text.Length > 1)
        {
            text.Append(',');
        }

        text.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
    }

    /// <summary>A label value as the exposition format writes it: backslash, double quote and line feed escaped.</summary>
    public static string EscapeLabelValue(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    // HELP and TYPE once, then every sample: a family's lines must be together. A family without
    // samples (no certificate seen, nothing run) is left out whole.
    private static void Family(StringBuilder text, string name, string help, IEnumerable<(string Labels, string Value)> samples)
    {
        var first = true;
        foreach (var (labels, value) in samples)
        {
            if (first)
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(Gauge).Append('\n');
                first = false;
            }

            text.Append(name).Append(labels).Append(' ').Append(value).Append('\n');
        }
    }

    // Plain decimals, never an exponent: exact to the tick (100 ns) of a TimeSpan, and easy to read.
    private static string Number(double value) => value.ToString("0.#######", CultureInfo.InvariantCulture);
}
