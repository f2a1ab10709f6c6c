using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;
using static ConnCheck.Tests.Output.MonitoringSamples;

namespace ConnCheck.Tests.Output;

public sealed class PrometheusFormatTests
{
    [Fact]
    public void Close_SampleRun_MatchesSnapshot()
    {
        var (output, exitCode) = Render(PrometheusFormat.Entry, Run);

        Assert.Equal(ExitCode.Critical, exitCode);
        Snapshot.Matches("prometheus.txt", output);
    }

    [Fact]
    public async Task Close_SampleRun_PromtoolAcceptsWithoutLintProblems()
    {
        await Promtool.AssertAcceptsAsync(Render(PrometheusFormat.Entry, Run).Output);
    }

    [Theory]
    [InlineData("# HELP conn_check_up Up.\n# TYPE conn_check_up gauge\nconn_check_up{name=\"a\nb\"} 1\n")]
    [InlineData("# HELP conn_check_up Up.\n# TYPE conn_check_up gauge\nconn_check_up{name=\"a\"} one\n")]
    [InlineData("conn_check_up{name=\"a\"} 1\n")]
    [InlineData("# HELP conn_check_results_total Results.\n# TYPE conn_check_results_total gauge\nconn_check_results_total 1\n")]
    public async Task CheckMetrics_BrokenOrLintedExposition_PromtoolRejects(string exposition)
    {
        var (exitCode, output) = await Promtool.CheckMetricsAsync(exposition);

        Assert.True(exitCode != 0, $"promtool accepted:\n{exposition}\n{output}");
    }

    [Fact]
    public void Parse_DuplicateSeries_Rejected()
    {
        // promtool 2.42 lets this pass, a Prometheus scrape does not: the strict reader catches it.
        const string Duplicate = "# HELP conn_check_up Up.\n# TYPE conn_check_up gauge\nconn_check_up{name=\"a\"} 1\nconn_check_up{name=\"a\"} 0\n";

        Assert.ThrowsAny<Exception>(() => Exposition.Parse(Duplicate));
    }

    [Fact]
    public async Task Close_DuplicateChecks_OneSeriesDownWithTheLongestDurationAndSoonestExpiry()
    {
        var subject = Subject("tls", "web", "www.example.com", 443, sequence: 0);
        var later = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        CheckResult[] results =
        [
            Result("tls:www.example.com:443", "www.example.com:443", ResultStatus.Ok, 5, subject) with { Certificate = new ServerCertificate("CN=www", later, "01") },
            Result("tls:www.example.com:443", "www.example.com:443", ResultStatus.Failed, 9, subject with { Sequence = 1 }, "Connection refused", FailureStage.Connect),
            Result("tls:www.example.com:443", "www.example.com:443", ResultStatus.Warning, 7, subject with { Sequence = 2 }, "expires soon") with { Certificate = new ServerCertificate("CN=www", CertificateNotAfter, "02") },
        ];

        var output = Render(PrometheusFormat.Entry, results).Output;
        var samples = Exposition.Parse(output);

        Assert.Equal(0, Assert.Single(samples, s => s.Name == "conn_check_up").Value);
        Assert.Equal(0.009, Assert.Single(samples, s => s.Name == "conn_check_duration_seconds").Value);
        Assert.Equal(CertificateNotAfter.ToUnixTimeSeconds(), Assert.Single(samples, s => s.Name == "conn_check_certificate_expiry_timestamp_seconds").Value);
        Assert.Equal(1, Assert.Single(samples, s => s.Name == "conn_check_results" && s["status"] == "failed").Value);
        await Promtool.AssertAcceptsAsync(output);
    }

    [Fact]
    public void Close_SampleRun_EverySeriesOnceAndFamiliesTogether()
    {
        var samples = Exposition.Parse(Render(PrometheusFormat.Entry, Run).Output);

        // Nine results: one skipped, two duplicates of one label set merged.
        Assert.Equal(7, samples.Count(s => s.Name == "conn_check_up"));
        Assert.Equal(7, samples.Count(s => s.Name == "conn_check_duration_seconds"));
    }

    [Fact]
    public async Task Close_LabelValuesWithQuotesBackslashesAndNewlines_EscapedAndReadBackAsWritten()
    {
        const string Label = "ops \"east\" \\ team\nb";
        var output = Render(PrometheusFormat.Entry, [Result("tcp:a:1", "a:1", ResultStatus.Ok, 1, Subject("tcp", Label, "a", 1, 0))]).Output;

        Assert.Contains("check=\"ops \\\"east\\\" \\\\ team\\nb\"", output, StringComparison.Ordinal);
        Assert.Equal(Label, Exposition.Parse(output).First(s => s.Name == "conn_check_up")["check"]);
        await Promtool.AssertAcceptsAsync(output);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("\\n", "\\\\n")]
    public void EscapeLabelValue_SpecialCharacters_EscapedPerTheExpositionFormat(string value, string escaped)
    {
        Assert.Equal(escaped, PrometheusFormat.EscapeLabelValue(value));
    }

    [Fact]
    public void Close_Ipv6Host_HostLabelWithoutBracketsNameWithThem()
    {
        var output = Render(PrometheusFormat.Entry, [Result("tcp:[::1]:6379", "[::1]:6379", ResultStatus.Ok, 1, Subject("tcp", null, "::1", 6379, 0))]).Output;

        var up = Exposition.Parse(output).Single(s => s.Name == "conn_check_up");
        Assert.Equal("tcp:[::1]:6379", up["name"]);
        Assert.Equal("::1", up["host"]);
        Assert.Equal("6379", up["port"]);
    }

    [Fact]
    public void Close_NoHostPortOrCheckName_ThoseLabelsLeftOutOfEveryFamily()
    {
        var output = Render(PrometheusFormat.Entry, [
            Result("http:https://api.example.com/:", "GET https://api.example.com/", ResultStatus.Ok, 1, Subject("http", null, null, null, 0))
                with { Certificate = new ServerCertificate("CN=api", CertificateNotAfter, "01") },
        ]).Output;

        var perResult = Exposition.Parse(output).Where(s => s.Labels.ContainsKey("name")).ToList();
        Assert.Equal(3, perResult.Count);
        Assert.All(perResult, s => Assert.Equal(["name", "type"], s.Labels.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Close_ResultWithoutSubject_OnlyTheNameLabel()
    {
        var output = Render(PrometheusFormat.Entry, [Result("tcp:a:1", "a:1", ResultStatus.Ok, 1)]).Output;

        Assert.Contains("conn_check_up{name=\"tcp:a:1\"} 1\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_Certificate_ExpiryInUnixSecondsOnlyForResultsThatSawOne()
    {
        var samples = Exposition.Parse(Render(PrometheusFormat.Entry, Run).Output);

        var expiry = Assert.Single(samples, s => s.Name == "conn_check_certificate_expiry_timestamp_seconds");
        Assert.Equal("tls:www.example.com:443", expiry["name"]);
        Assert.Equal(1767787200, expiry.Value);
    }

    [Fact]
    public void Close_SkippedResult_LeftOutOfThePerResultFamiliesButCounted()
    {
        var samples = Exposition.Parse(Render(PrometheusFormat.Entry, Run).Output);

        Assert.DoesNotContain(samples, s => s["name"] == "memcache:cache.example.com:11211:connect");
        Assert.Equal(1, samples.Single(s => s.Name == "conn_check_results" && s["status"] == "skipped").Value);
    }

    [Fact]
    public void Close_WarningResult_IsUp()
    {
        var samples = Exposition.Parse(Render(PrometheusFormat.Entry, Run).Output);

        Assert.Equal(1, samples.Single(s => s.Name == "conn_check_up" && s["name"] == "tls:www.example.com:443").Value);
    }

    [Fact]
    public void Close_SampleRun_RunStartDurationAndEveryStatusCounted()
    {
        var samples = Exposition.Parse(Render(PrometheusFormat.Entry, Run).Output);

        Assert.Equal(Started.ToUnixTimeMilliseconds() / 1000.0, samples.Single(s => s.Name == "conn_check_run_timestamp_seconds").Value);
        Assert.Equal(0.41, samples.Single(s => s.Name == "conn_check_run_duration_seconds").Value);
        Assert.Equal(
            [("ok", 4.0), ("warning", 1.0), ("failed", 3.0), ("skipped", 1.0)],
            samples.Where(s => s.Name == "conn_check_results").Select(s => (s["status"]!, s.Value)));
    }

    [Fact]
    public async Task Close_NothingSelected_RunFamiliesWithZeroCounts()
    {
        var (output, exitCode) = Render(PrometheusFormat.Entry, []);

        Assert.Equal(ExitCode.Ok, exitCode);
        var samples = Exposition.Parse(output);
        Assert.Equal(["conn_check_run_timestamp_seconds", "conn_check_run_duration_seconds", "conn_check_results"], samples.Select(s => s.Name).Distinct());
        Assert.All(samples.Where(s => s.Name == "conn_check_results"), s => Assert.Equal(0, s.Value));
        await Promtool.AssertAcceptsAsync(output);
    }

    [Fact]
    public void Close_ResultsArrivingInAnotherOrder_SameOutput()
    {
        var first = Render(PrometheusFormat.Entry, Run).Output;
        var reversed = Render(PrometheusFormat.Entry, Run.Reverse()).Output;

        Assert.Equal(first, reversed);
    }

    [Fact]
    public void Add_Unbuffered_WritesNothingBeforeClose()
    {
        var writer = new StringWriter();
        var format = PrometheusFormat.Entry.Create(writer, new FormatSettings(Streaming: true));

        format.Add(Run[0]);

        Assert.Equal("", writer.ToString());
    }
}
