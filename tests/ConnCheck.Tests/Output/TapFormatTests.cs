using System.Text.Json;
using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;

namespace ConnCheck.Tests.Output;

public sealed class TapFormatTests
{
    [Fact]
    public async Task Close_Buffered_MatchesSnapshotAndProveFailsWithoutParseErrors()
    {
        var tap = Write(FormatSamples.Settings, FormatSamples.Arrivals);

        Snapshot.Matches("tap-buffered.tap", tap);
        Prove.AssertOutcome(await Prove.RunAsync(tap), "FAIL");
    }

    [Fact]
    public async Task Close_BufferedWithTracebacks_MatchesSnapshotAndTheTracebackReadsBack()
    {
        var tap = Write(FormatSamples.Settings with { Tracebacks = true }, FormatSamples.Arrivals);

        Snapshot.Matches("tap-buffered-tracebacks.tap", tap);
        var parsed = await Prove.ParseAsync(tap);
        AssertCleanParse(parsed);
        var refused = Test(parsed, 3);
        Assert.Equal(FormatSamples.Traceback + "\n", refused.GetProperty("yaml").GetProperty("traceback").GetString());
        Prove.AssertOutcome(await Prove.RunAsync(tap), "FAIL");
    }

    [Fact]
    public async Task Close_ChecksWithANameOption_TheirBlocksCarryItAndOthersHaveNone()
    {
        var parsed = await Prove.ParseAsync(Write(FormatSamples.Settings, FormatSamples.Arrivals));

        AssertCleanParse(parsed);

        // An ok result has a block only for its check's name; a failure's block has it beside the message.
        Assert.Equal("primary database", Field(Test(parsed, 1).GetProperty("yaml"), "check"));
        Assert.Equal("API \"v2\" ✓", Field(Test(parsed, 4).GetProperty("yaml"), "check"));
        Assert.NotNull(Field(Test(parsed, 4).GetProperty("yaml"), "message"));
        Assert.Null(Field(Test(parsed, 3).GetProperty("yaml"), "check"));
        Assert.False(Test(parsed, 7).TryGetProperty("yaml", out _));
    }

    [Fact]
    public void Close_Buffered_WritesVersionAndPlanFirstThenResultsInFileOrder()
    {
        var lines = Write(FormatSamples.Settings, FormatSamples.Arrivals).Split('\n');

        Assert.Equal("TAP version 13", lines[0]);
        Assert.Equal("1..7", lines[1]);
        Assert.Equal(
            [
                "ok 1 - tcp:db.example.com:5432",
                "ok 2 - tls:www.example.com:443",
                "not ok 3 - tcp:[::1]:6379",
                "not ok 4 - http:https://api.example.com/café/\"ünïcode\"\\#top\\\\x:",
                "not ok 5 - udp:statsd.example.com:8125",
                "ok 6 - memcache:cache.example.com:11211:connect # SKIP not run",
                "ok 7 - tcp:legacy.example.com:25",
            ],
            lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal) || l.StartsWith("not ok ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Close_FailuresAndWarnings_HaveYamlBlocksThatReadBackAsWritten()
    {
        var parsed = await Prove.ParseAsync(Write(FormatSamples.Settings, FormatSamples.Arrivals));

        AssertCleanParse(parsed);
        Assert.Equal("1..7", parsed.GetProperty("plan").GetString());
        Assert.Equal("13", parsed.GetProperty("version").ToString());
        Assert.Equal(
            [
                (1, true, null, null, null, null),
                (2, true, "certificate expires on 2024-05-06 (5 days left)", "warning", null, "48.91"),
                (3, false, "Connection refused", "fail", "connect", "0.42"),
                (4, false, FormatSamples.AwkwardMessage, "fail", "protocol", "120.5"),
                (5, false, "timed out after 10 s", "fail", "timeout", "10000"),
                (6, true, null, null, null, null),
                (7, true, null, null, null, null),
            ],
            parsed.GetProperty("tests").EnumerateArray().Select(t =>
            {
                var yaml = t.TryGetProperty("yaml", out var y) ? y : (JsonElement?)null;
                return (
                    t.GetProperty("number").GetInt32(),
                    t.GetProperty("ok").GetBoolean(),
                    Field(yaml, "message"),
                    Field(yaml, "severity"),
                    Field(yaml, "stage"),
                    Field(yaml, "duration_ms"));
            }));
        var skipped = Test(parsed, 6);
        Assert.Equal("SKIP", skipped.GetProperty("directive").GetString());
        Assert.Equal("not run", skipped.GetProperty("explanation").GetString());
        Assert.Equal("", Test(parsed, 4).GetProperty("directive").GetString());
    }

    [Fact]
    public async Task Close_OnlySuccessesWarningsAndSkips_ProvePasses()
    {
        var tap = Write(FormatSamples.Settings, FormatSamples.Arrivals.Where(r => r.Status != ResultStatus.Failed).ToList());

        Prove.AssertOutcome(await Prove.RunAsync(tap), "PASS");
    }

    [Fact]
    public async Task Close_NameThatLooksLikeADirective_StillFails()
    {
        // Unescaped, "# TODO" would turn the failure into an expected one and the harness would pass.
        var failure = new CheckResult("http:https://example.com/# TODO later:", null, ResultStatus.Failed, TimeSpan.FromMilliseconds(1), "status 500")
        {
            Subject = FormatSamples.Subject("http", 1, "example.com", 443, sequence: 0),
            Stage = FailureStage.Protocol,
        };

        var tap = Write(FormatSamples.Settings, [failure]);

        Assert.Contains("not ok 1 - http:https://example.com/\\# TODO later:\n", tap, StringComparison.Ordinal);
        var parsed = await Prove.ParseAsync(tap);
        Assert.Equal("", Test(parsed, 1).GetProperty("directive").GetString());
        Prove.AssertOutcome(await Prove.RunAsync(tap), "FAIL");
    }

    [Fact]
    public async Task Close_NothingSelected_IsAnEmptyPlanThatHarnessesSkip()
    {
        var tap = Write(FormatSamples.Settings, []);

        Assert.Equal("TAP version 13\n1..0 # SKIP no checks selected\n", tap);
        Prove.AssertOutcome(await Prove.RunAsync(tap), "NOTESTS");
    }

    [Fact]
    public async Task Add_Streaming_WritesEachResultAtOnceAndThePlanLast()
    {
        var writer = new Utf8StringWriter();
        var format = new TapFormat(writer, FormatSamples.Settings with { Streaming = true });

        format.Add(FormatSamples.Arrivals[0]);
        Assert.Equal("TAP version 13\nok 1 - memcache:cache.example.com:11211:connect # SKIP not run\n", writer.ToString());
        foreach (var result in FormatSamples.Arrivals.Skip(1))
        {
            format.Add(result);
        }

        format.Close(FormatSamples.Summary(FormatSamples.Arrivals));
        var tap = writer.ToString();
        Assert.EndsWith("\n1..7\n", tap, StringComparison.Ordinal);
        var parsed = await Prove.ParseAsync(tap);
        AssertCleanParse(parsed);
        Assert.Equal(
            FormatSamples.Arrivals.Select(r => TapFormat.Description(r.Name)),
            parsed.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("description").GetString()!["- ".Length..]));
        Prove.AssertOutcome(await Prove.RunAsync(tap), "FAIL");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("key: value # not a comment")]
    [InlineData("\"quoted\" and 'single' and \\backslash\\ and \\\" together")]
    [InlineData("ends with a backslash \\")]
    [InlineData("tab\there, bell\a, escape\u001b[0m, nul\0, del\u007f, c1\u0085")]
    [InlineData("multi\nline\r\nmessage")]
    [InlineData("non-ASCII: café ünïcode ✓ 😀")]
    [InlineData("- looks like a list")]
    [InlineData("---")]
    [InlineData("...")]
    [InlineData("")]
    public async Task YamlBlock_AwkwardMessage_ReadsBackExactly(string message)
    {
        var failure = new CheckResult("tcp:a:1", null, ResultStatus.Failed, TimeSpan.FromMilliseconds(1), message) { Stage = FailureStage.Protocol };

        var parsed = await Prove.ParseAsync(Write(FormatSamples.Settings, [failure]));

        AssertCleanParse(parsed);
        Assert.Equal(message, Test(parsed, 1).GetProperty("yaml").GetProperty("message").GetString());
    }

    [Fact]
    public async Task YamlBlock_LoneSurrogate_BecomesAReplacementCharacter()
    {
        var failure = new CheckResult("tcp:a:1", null, ResultStatus.Failed, TimeSpan.FromMilliseconds(1), "half \ud83d pair");

        var parsed = await Prove.ParseAsync(Write(FormatSamples.Settings, [failure]));

        Assert.Equal("half \uFFFD pair", Test(parsed, 1).GetProperty("yaml").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("System.Exception: boom\n   at A.B()\n\n   at C.D()", true)]
    [InlineData("System.Exception: key: value # \"quoted\"\n   at A.B()", true)]
    [InlineData("  starts with spaces\n   at A.B()", false)]
    [InlineData("System.Exception: tab\there\n   at A.B()", false)]
    [InlineData("System.Exception: escape \u001b[0m\n   at A.B()", false)]
    [InlineData("System.Exception: \ud83d\ude00\n   at A.B()", false)]
    public async Task YamlBlock_Traceback_ReadsBackWithEachLine(string traceback, bool literal)
    {
        var failure = new CheckResult("tcp:a:1", null, ResultStatus.Failed, TimeSpan.FromMilliseconds(1), "boom") { Details = traceback };

        var tap = Write(FormatSamples.Settings with { Tracebacks = true }, [failure]);

        Assert.Equal(literal, tap.Contains("  traceback: |\n", StringComparison.Ordinal));
        var parsed = await Prove.ParseAsync(tap);
        AssertCleanParse(parsed);
        Assert.Equal(literal ? traceback + "\n" : traceback, Test(parsed, 1).GetProperty("yaml").GetProperty("traceback").GetString());
    }

    [Theory]
    [InlineData("tcp:db:5432", "tcp:db:5432")]
    [InlineData("http:https://h/#frag:", "http:https://h/\\#frag:")]
    [InlineData("http:https://h/a\\b:", "http:https://h/a\\\\b:")]
    [InlineData("two\nlines", "two lines")]
    public void Description_Name_IsEscapedOnOneLine(string name, string expected)
    {
        Assert.Equal(expected, TapFormat.Description(name));
    }

    private static string Write(FormatSettings settings, IReadOnlyList<CheckResult> results) =>
        FormatSamples.Write((writer, s) => new TapFormat(writer, s), settings, results);

    private static JsonElement Test(JsonElement parsed, int number) =>
        parsed.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("number").GetInt32() == number);

    private static string? Field(JsonElement? yaml, string name) =>
        yaml is { } y && y.TryGetProperty(name, out var value) ? value.ToString() : null;

    private static void AssertCleanParse(JsonElement parsed)
    {
        Assert.Empty(parsed.GetProperty("parse_errors").EnumerateArray());
        Assert.Empty(parsed.GetProperty("unknown").EnumerateArray());
    }
}
