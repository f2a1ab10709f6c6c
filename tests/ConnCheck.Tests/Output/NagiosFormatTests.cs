using ConnCheck.Output;
using ConnCheck.Running;
using static ConnCheck.Tests.Output.MonitoringSamples;

namespace ConnCheck.Tests.Output;

public sealed class NagiosFormatTests
{
    [Fact]
    public void Close_SampleRun_MatchesSnapshot()
    {
        var (output, exitCode) = Render(NagiosFormat.Entry, Run);

        Assert.Equal(ExitCode.Critical, exitCode);
        Snapshot.Matches("nagios-critical.txt", output);
    }

    [Fact]
    public void Close_SampleRunWithDurationsAndTracebacks_MatchesSnapshot()
    {
        // Built, not thrown: its text has no stack trace, so the snapshot does not depend on line numbers.
        var failed = Result("tcp:db.example.com:5432", "db.example.com:5432", ResultStatus.Failed, 2.5, Subject("tcp", null, "db.example.com", 5432, 0), "Connection refused")
            with { Error = new InvalidOperationException("Connection refused\nretried | gave up", new TimeoutException("inner")) };
        var ok = Result("tcp:web.example.com:80", "web.example.com:80", ResultStatus.Ok, 1.5, Subject("tcp", null, "web.example.com", 80, 1));
        var settings = new FormatSettings(ShowDuration: true, Tracebacks: true);

        var (output, _) = Render(NagiosFormat.Entry, [ok, failed], settings);

        Snapshot.Matches("nagios-duration-tracebacks.txt", output);
    }

    [Fact]
    public void Close_SampleRun_ReadsAsPluginOutputPerTheGuidelines()
    {
        var output = NagiosPluginOutput.Parse(Render(NagiosFormat.Entry, Run).Output);

        Assert.Equal("CRITICAL", output.State);
        Assert.Equal("3 of 9 failed: postgres:db.example.com:5432, tcp:cache.example.com:11211, tcp:db.example.com:5432; 1 warning", output.Text);
        Assert.Equal(
            new (string, decimal, string, decimal?)[] { ("ok", 4m, "", 9m), ("warning", 1m, "", 9m), ("failed", 3m, "", 9m), ("skipped", 1m, "", 9m), ("time", 0.41m, "s", null) },
            output.StatusPerfdata.Select(p => (p.Label, p.Value, p.Unit, p.Max)));
        Assert.All(output.Perfdata, p => Assert.Equal((decimal?)0m, p.Min));
        Assert.Equal(9, output.LongText.Count);
        Assert.Equal(
            [
                "tcp:db.example.com:5432", "tcp:db.example.com:5432 #2", "postgres:db.example.com:5432", "tls:www.example.com:443",
                "tcp:[::1]:6379", "tcp:db.example.com:5432 #3", "http:https://api.example.com/it's?a%3Db%7Cc:", "tcp:cache.example.com:11211",
            ],
            output.LongPerfdata.Select(p => p.Label));
        Assert.All(output.LongPerfdata, p => Assert.Equal(("s", 10m), (p.Unit, p.Max!.Value)));
        Assert.Equal(0.00127m, output.LongPerfdata[0].Value);
    }

    [Fact]
    public void Close_SampleRun_LongTextIsTheTextFormatsLines()
    {
        var text = Render(TextFormat.Entry, Run).Output;
        var output = NagiosPluginOutput.Parse(Render(NagiosFormat.Entry, Run).Output);

        // The one difference: '|' would start performance data, so the nagios lines write it %7C.
        Assert.Equal(text.Replace("|", "%7C", StringComparison.Ordinal).TrimEnd('\n').Split('\n'), output.LongText);
    }

    [Fact]
    public void Close_AllOk_OkLineAndExitOk()
    {
        var (text, exitCode) = Render(NagiosFormat.Entry, [Ok("tcp:a:1", 0), Ok("tcp:b:2", 1)]);
        var output = NagiosPluginOutput.Parse(text);

        Assert.Equal(ExitCode.Ok, exitCode);
        Assert.Equal(("OK", "2 of 2 ok"), (output.State, output.Text));
        Assert.Equal(["tcp:a:1 OK", "tcp:b:2 OK"], output.LongText);
    }

    [Fact]
    public void Close_OkWithSkips_OkLineSaysHowManySkipped()
    {
        var (text, exitCode) = Render(NagiosFormat.Entry, [Ok("tcp:a:1", 0), CheckResult.Skipped("tcp:b:2", "b:2")]);
        var output = NagiosPluginOutput.Parse(text);

        Assert.Equal(ExitCode.Ok, exitCode);
        Assert.Equal(("OK", "1 of 2 ok, 1 skipped"), (output.State, output.Text));
        Assert.Equal(["tcp:a:1"], output.LongPerfdata.Select(p => p.Label));
    }

    [Fact]
    public void Close_WarningWithoutFailure_WarningLineNamesItAndExitWarning()
    {
        var warning = Result("tls:a:443", "a:443", ResultStatus.Warning, 3, Subject("tls", null, "a", 443, 1), "TLS certificate expires on 2026-01-07 (4 days left)");
        var (text, exitCode) = Render(NagiosFormat.Entry, [Ok("tcp:a:1", 0), warning]);
        var output = NagiosPluginOutput.Parse(text);

        Assert.Equal(ExitCode.Warning, exitCode);
        Assert.Equal(("WARNING", "1 of 2 warning: tls:a:443"), (output.State, output.Text));
        Assert.Equal("tls:a:443 WARNING - (a:443) TLS certificate expires on 2026-01-07 (4 days left)", output.LongText[0]);
    }

    [Fact]
    public void Close_NothingSelected_UnknownNoChecksSelected()
    {
        var (text, exitCode) = Render(NagiosFormat.Entry, []);

        Assert.Equal(ExitCode.Unknown, exitCode);
        Assert.Equal("CONN-CHECK UNKNOWN - no checks selected\n", text);
        Assert.Equal("UNKNOWN", NagiosPluginOutput.Parse(text).State);
    }

    [Fact]
    public void Close_ManyFailures_ListsTheFirstThreeAndHowManyMore()
    {
        var failures = Enumerable.Range(1, 5).Select(i => Failed($"tcp:h{i}:1", i)).ToArray();

        var output = NagiosPluginOutput.Parse(Render(NagiosFormat.Entry, failures).Output);

        Assert.Equal("5 of 5 failed: tcp:h1:1, tcp:h2:1, tcp:h3:1 and 2 more", output.Text);
    }

    [Fact]
    public void Close_NameWithQuoteEqualsAndPipe_LabelQuotedPerTheGuidelines()
    {
        var (text, _) = Render(NagiosFormat.Entry, [Ok("http:https://x/it's?a=b|c:", 0)]);

        Assert.Contains("'http:https://x/it''s?a%3Db%7Cc:'=0.001s;;;0;10", text, StringComparison.Ordinal);
        var output = NagiosPluginOutput.Parse(text);
        Assert.Equal("http:https://x/it's?a%3Db%7Cc:", Assert.Single(output.LongPerfdata).Label);
        Assert.Equal("http:https://x/it's?a=b%7Cc: OK", Assert.Single(output.LongText));
    }

    [Theory]
    [InlineData("a=b", "a%3Db")]
    [InlineData("a|b", "a%7Cb")]
    [InlineData("a\nb", "a b")]
    [InlineData("it's", "it's")]
    public void PerfdataLabel_ForbiddenCharacters_Replaced(string name, string label)
    {
        Assert.Equal(label, NagiosFormat.PerfdataLabel(name));
    }

    [Fact]
    public void Close_ResultWithoutSubject_PerfdataWithoutMax()
    {
        var (text, _) = Render(NagiosFormat.Entry, [Result("tcp:a:1", "a:1", ResultStatus.Ok, 12)]);

        Assert.EndsWith("tcp:a:1 OK | 'tcp:a:1'=0.012s;;;0\n", text, StringComparison.Ordinal);
        Assert.Null(Assert.Single(NagiosPluginOutput.Parse(text).LongPerfdata).Max);
    }

    [Fact]
    public void Close_SeveralResults_FirstPerfdataOnTheLastLongTextLineThenOneALine()
    {
        var (text, _) = Render(NagiosFormat.Entry, [Ok("tcp:a:1", 0), Ok("tcp:b:2", 1), Ok("tcp:c:3", 2)]);
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.Equal(
            [
                "tcp:a:1 OK",
                "tcp:b:2 OK",
                "tcp:c:3 OK | 'tcp:a:1'=0.001s;;;0;10",
                "'tcp:b:2'=0.001s;;;0;10",
                "'tcp:c:3'=0.001s;;;0;10",
            ],
            lines[1..]);
    }

    // Statuses and exit codes as names: the enums are internal, a public test method cannot take them.
    [Theory]
    [InlineData("Ok", 0, "OK")]
    [InlineData("Warning", 1, "WARNING")]
    [InlineData("Failed", 2, "CRITICAL")]
    [InlineData("Skipped", 0, "OK")]
    public void Close_OneResult_StateWordAgreesWithTheExitCode(string statusName, int expected, string state)
    {
        var status = Enum.Parse<ResultStatus>(statusName);
        var (text, exitCode) = Render(NagiosFormat.Entry, [Result("tcp:a:1", "a:1", status, 1, Subject("tcp", null, "a", 1, 0), status is ResultStatus.Ok or ResultStatus.Skipped ? null : "problem")]);

        Assert.Equal(expected, (int)exitCode);
        Assert.Equal(state, NagiosPluginOutput.Parse(text).State);
        Assert.Equal(state, NagiosFormat.State(exitCode));
    }

    [Fact]
    public void Add_Unbuffered_WritesNothingBeforeClose()
    {
        var writer = new StringWriter();
        var format = NagiosFormat.Entry.Create(writer, new FormatSettings(Streaming: true));

        format.Add(Ok("tcp:a:1", 0));

        Assert.Equal("", writer.ToString());
    }

    private static CheckResult Ok(string name, int sequence) =>
        Result(name, null, ResultStatus.Ok, 1, Subject(name.Split(':')[0], null, null, null, sequence));

    private static CheckResult Failed(string name, int sequence) =>
        Result(name, null, ResultStatus.Failed, 1, Subject("tcp", null, null, null, sequence), "Connection refused");
}
