using System.Text.Json;
using System.Text.Json.Nodes;
using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;

namespace ConnCheck.Tests.Output;

public sealed class JsonFormatTests
{
    [Fact]
    public void Close_Buffered_MatchesSnapshotAndSchema()
    {
        var json = Write(FormatSamples.Settings, FormatSamples.Arrivals);

        ResultsSchema.AssertValid(json);
        Snapshot.Matches("json-buffered.json", json);
    }

    [Fact]
    public void Close_BufferedWithTracebacks_MatchesSnapshotAndSchema()
    {
        var json = Write(FormatSamples.Settings with { Tracebacks = true }, FormatSamples.Arrivals);

        ResultsSchema.AssertValid(json);
        Snapshot.Matches("json-buffered-tracebacks.json", json);
        var results = Results(json);
        Assert.All(results, r => Assert.True(r.TryGetProperty("traceback", out _)));
        Assert.Equal(FormatSamples.Traceback, Single(results, "tcp:[::1]:6379").GetProperty("traceback").GetString());
        Assert.Equal(JsonValueKind.Null, Single(results, "tcp:db.example.com:5432").GetProperty("traceback").ValueKind);
    }

    [Fact]
    public void Close_WithoutTracebacks_HasNoTracebackMember()
    {
        var results = Results(Write(FormatSamples.Settings, FormatSamples.Arrivals));

        Assert.All(results, r => Assert.False(r.TryGetProperty("traceback", out _)));
    }

    [Fact]
    public void Close_Buffered_ListsResultsInFileOrderThenThoseWithoutSubject()
    {
        var names = Results(Write(FormatSamples.Settings, FormatSamples.Arrivals)).Select(r => r.GetProperty("name").GetString());

        Assert.Equal(
            [
                "tcp:db.example.com:5432",
                "tls:www.example.com:443",
                "tcp:[::1]:6379",
                FormatSamples.AwkwardName,
                "udp:statsd.example.com:8125",
                "memcache:cache.example.com:11211:connect",
                "tcp:legacy.example.com:25",
            ],
            names);
    }

    [Fact]
    public void Close_Summary_CarriesCountsStatusExitCodeStartAndDuration()
    {
        using var document = JsonDocument.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals));
        var root = document.RootElement;

        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal("1.2.3", root.GetProperty("conn_check_version").GetString());
        Assert.Equal("checks.yaml", root.GetProperty("config_file").GetString());
        Assert.Equal("2024-05-01T12:00:00.25Z", root.GetProperty("start_time").GetString());
        Assert.Equal(1.2345, root.GetProperty("duration_seconds").GetDouble());
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("exit_code").GetInt32());
        var counts = root.GetProperty("counts");
        Assert.Equal((2, 1, 3, 1, 7), (counts.GetProperty("ok").GetInt32(), counts.GetProperty("warning").GetInt32(), counts.GetProperty("failed").GetInt32(), counts.GetProperty("skipped").GetInt32(), counts.GetProperty("total").GetInt32()));
    }

    [Fact]
    public void Close_Results_CarryEveryFieldOfTheirSubject()
    {
        var results = Results(Write(FormatSamples.Settings, FormatSamples.Arrivals));

        var ipv6 = Single(results, "tcp:[::1]:6379");
        Assert.Equal("tcp", ipv6.GetProperty("type").GetString());
        Assert.Equal("::1", ipv6.GetProperty("host").GetString());
        Assert.Equal(6379, ipv6.GetProperty("port").GetInt32());
        Assert.Equal(["cache"], ipv6.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(9, ipv6.GetProperty("line").GetInt32());
        Assert.Equal("failed", ipv6.GetProperty("status").GetString());
        Assert.Equal("connect", ipv6.GetProperty("stage").GetString());
        Assert.Equal("Connection refused", ipv6.GetProperty("message").GetString());
        Assert.Equal(0.00042, ipv6.GetProperty("duration_seconds").GetDouble());
        Assert.Equal("[::1]:6379", ipv6.GetProperty("info").GetString());

        var ok = Single(results, "tcp:db.example.com:5432");
        Assert.Equal("primary database", ok.GetProperty("check").GetString());
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("stage").ValueKind);
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("message").ValueKind);

        var warning = Single(results, "tls:www.example.com:443");
        Assert.Equal("warning", warning.GetProperty("status").GetString());
        Assert.Equal("CN=www.example.com, O=Example", warning.GetProperty("certificate").GetProperty("subject").GetString());
        Assert.Equal("2024-05-06T08:30:00Z", warning.GetProperty("certificate").GetProperty("not_after").GetString());

        var awkward = Single(results, FormatSamples.AwkwardName);
        Assert.Equal(FormatSamples.AwkwardMessage, awkward.GetProperty("message").GetString());
        Assert.Equal("API \"v2\" ✓", awkward.GetProperty("check").GetString());
        Assert.Equal("protocol", awkward.GetProperty("stage").GetString());

        var skipped = Single(results, "memcache:cache.example.com:11211:connect");
        Assert.Equal("skipped", skipped.GetProperty("status").GetString());
        Assert.Equal(0, skipped.GetProperty("duration_seconds").GetDouble());
    }

    [Fact]
    public void Close_ResultWithoutSubject_WritesItsUnknownFieldsAsNull()
    {
        var json = Write(FormatSamples.Settings, [new CheckResult("tcp:legacy:1", null, ResultStatus.Failed, TimeSpan.FromSeconds(1), "refused")]);

        ResultsSchema.AssertValid(json);
        var result = Assert.Single(Results(json));
        foreach (var field in new[] { "type", "host", "port", "check", "line", "stage", "info", "certificate" })
        {
            Assert.Equal(JsonValueKind.Null, result.GetProperty(field).ValueKind);
        }

        Assert.Empty(result.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public void Close_NothingSelected_IsOkWithNoResults()
    {
        var json = Write(FormatSamples.Settings, []);

        ResultsSchema.AssertValid(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(0, document.RootElement.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Empty(document.RootElement.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Close_WarningWithoutFailure_IsWarningWithExit1()
    {
        var json = Write(FormatSamples.Settings, FormatSamples.Arrivals.Where(r => r.Status != ResultStatus.Failed).ToList());

        using var document = JsonDocument.Parse(json);
        Assert.Equal("warning", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("exit_code").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void Close_FailureOfEachStage_IsValidAndNamesTheStage(string stageName)
    {
        var stage = Enum.GetValues<FailureStage>().Single(s => FailureStageNames.Of(s) == stageName);
        var failure = new CheckResult("tcp:db:5432", "db:5432", ResultStatus.Failed, TimeSpan.FromMilliseconds(5), "failed")
        {
            Subject = FormatSamples.Subject("tcp", 1, "db", 5432, sequence: 0),
            Stage = stage,
        };

        var json = Write(FormatSamples.Settings, [failure]);

        ResultsSchema.AssertValid(json);
        Assert.Equal(stageName, Assert.Single(Results(json)).GetProperty("stage").GetString());
    }

    [Fact]
    public void Add_Streaming_WritesTheHeadAndEachResultAsItArrives()
    {
        var writer = new Utf8StringWriter();
        var format = new JsonFormat(writer, FormatSamples.Settings with { Streaming = true });

        format.Add(FormatSamples.Arrivals[0]);
        var afterFirst = writer.ToString();
        Assert.StartsWith("{\n  \"format_version\": 1,", afterFirst, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"memcache:cache.example.com:11211:connect\"", afterFirst, StringComparison.Ordinal);
        Assert.EndsWith("}", afterFirst, StringComparison.Ordinal);

        format.Add(FormatSamples.Arrivals[1]);
        Assert.StartsWith(afterFirst, writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("tcp:[::1]:6379", writer.ToString(), StringComparison.Ordinal);
        foreach (var result in FormatSamples.Arrivals.Skip(2))
        {
            format.Add(result);
        }

        format.Close(FormatSamples.Summary(FormatSamples.Arrivals));
        var json = writer.ToString();
        ResultsSchema.AssertValid(json);
        Assert.Equal(FormatSamples.Arrivals.Select(r => r.Name), Results(json).Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public void Close_StreamingNothingSelected_IsOneValidDocument()
    {
        var writer = new Utf8StringWriter();
        new JsonFormat(writer, FormatSamples.Settings with { Streaming = true }).Close(FormatSamples.Summary([]));

        ResultsSchema.AssertValid(writer.ToString());
    }

    [Fact]
    public void Close_ManyResults_IsOneCompleteDocument()
    {
        // Far beyond the size at which the buffer is passed on in pieces.
        var results = Enumerable.Range(0, 3000).Select(i => new CheckResult($"tcp:host-{i}.example.com:{i + 1}", null, ResultStatus.Ok, TimeSpan.FromMilliseconds(i))
        {
            Subject = FormatSamples.Subject("tcp", i + 1, $"host-{i}.example.com", i + 1, sequence: i),
        }).ToList();

        var json = Write(FormatSamples.Settings, results);

        ResultsSchema.AssertValid(json);
        Assert.Equal(results.Select(r => r.Name), Results(json).Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public void Schema_StageEnum_IsEveryFailureStageName()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(ResultsSchema.Path));

        var stages = schema.RootElement.GetProperty("$defs").GetProperty("stage").GetProperty("enum").EnumerateArray().ToList();

        Assert.Equal(FailureStageNames.All, stages.Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()));
        Assert.Single(stages, s => s.ValueKind == JsonValueKind.Null);
    }

    [Theory]
    [InlineData("extra member", "$", "surprise", "1")]
    [InlineData("unknown status", "$", "status", "\"degraded\"")]
    [InlineData("result status", "$.results[0]", "status", "\"fine\"")]
    [InlineData("unknown stage", "$.results[2]", "stage", "\"firewall\"")]
    [InlineData("stage on a success", "$.results[0]", "stage", "\"connect\"")]
    [InlineData("port out of range", "$.results[0]", "port", "70000")]
    [InlineData("time with an offset", "$", "start_time", "\"2024-05-01T14:00:00+02:00\"")]
    [InlineData("not a time", "$", "start_time", "\"yesterday\"")]
    [InlineData("extra result member", "$.results[0]", "colour", "\"green\"")]
    [InlineData("negative count", "$.counts", "ok", "-1")]
    public void Schema_BrokenDocument_IsRejected(string what, string where, string member, string value)
    {
        var document = JsonNode.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals))!.AsObject();
        var target = where switch
        {
            "$" => document,
            "$.counts" => document["counts"]!.AsObject(),
            _ => document["results"]![int.Parse(where["$.results[".Length..^1], System.Globalization.CultureInfo.InvariantCulture)]!.AsObject(),
        };

        target[member] = JsonNode.Parse(value);

        Assert.True(ResultsSchema.Problems(document.ToJsonString()).Count > 0, $"the schema accepts a document with {what}");
    }

    [Theory]
    [InlineData("counts")]
    [InlineData("results")]
    [InlineData("format_version")]
    public void Schema_DocumentMissingAMember_IsRejected(string member)
    {
        var document = JsonNode.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals))!.AsObject();

        document.Remove(member);

        Assert.NotEmpty(ResultsSchema.Problems(document.ToJsonString()));
    }

    public static TheoryData<string> Stages() => new(FailureStageNames.All);

    private static string Write(FormatSettings settings, IReadOnlyList<CheckResult> results) =>
        FormatSamples.Write((writer, s) => new JsonFormat(writer, s), settings, results);

    private static List<JsonElement> Results(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone()).ToList();
    }

    private static JsonElement Single(List<JsonElement> results, string name) =>
        Assert.Single(results, r => r.GetProperty("name").GetString() == name);
}
