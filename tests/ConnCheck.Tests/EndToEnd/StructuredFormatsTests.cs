using System.Text.Json;
using System.Xml.Linq;
using ConnCheck.Tests.Output;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>The json, junit and tap formats of the published binary, each read by the program that consumes it.</summary>
public sealed class StructuredFormatsTests
{
    [Fact]
    public async Task Run_JsonJunitFilesAndTapOnStdout_WritesThreeCompleteOutputsAndExits2()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("--format", "json:results.json", "--format", "junit:results.xml", "--format", "tap", StructuredFormatsScenario.Config);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Equal(
            [StructuredFormatsScenario.Config, "results.json", "results.xml"],
            System.IO.Directory.GetFiles(scenario.Directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var json = await File.ReadAllTextAsync(scenario.PathOf("results.json"));
        ResultsSchema.AssertValid(json);
        AssertJsonResults(scenario, json);

        await XmlLint.AssertValidFileAsync(scenario.PathOf("results.xml"));
        var suite = XDocument.Load(scenario.PathOf("results.xml")).Root!.Element("testsuite")!;
        Assert.Equal(("4", "1", "1"), ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("skipped")));
        Assert.Equal(scenario.Names, suite.Elements("testcase").Select(c => (string?)c.Attribute("name")));
        var failure = suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == scenario.RefusedName).Element("failure")!;
        Assert.Equal("connect", (string?)failure.Attribute("type"));
        Assert.Equal("memcache", (string?)suite.Elements("testcase").ElementAt(2).Attribute("classname"));

        Prove.AssertOutcome(await Prove.RunAsync(result.Stdout), "FAIL");
        var tap = await Prove.ParseAsync(result.Stdout);
        Assert.Equal("1..4", tap.GetProperty("plan").GetString());
        Assert.Equal(
            [(true, ""), (true, ""), (false, ""), (true, "SKIP")],
            tap.GetProperty("tests").EnumerateArray().Select(t => (t.GetProperty("ok").GetBoolean(), t.GetProperty("directive").GetString())));
        Assert.Equal("connect", tap.GetProperty("tests")[2].GetProperty("yaml").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Run_NothingFails_ProvePassesAndJsonSaysOk()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("--exclude-tags", "cache", "--format", "tap", "--format", "json:results.json", StructuredFormatsScenario.Config);

        Assert.Equal(0, result.ExitCode);
        Prove.AssertOutcome(await Prove.RunAsync(result.Stdout), "PASS");
        var json = await File.ReadAllTextAsync(scenario.PathOf("results.json"));
        ResultsSchema.AssertValid(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(2, document.RootElement.GetProperty("counts").GetProperty("ok").GetInt32());
    }

    [Fact]
    public async Task Unbuffered_JsonOnStdout_StreamsOneValidDocumentWithEveryResult()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("-U", "--format", "json", StructuredFormatsScenario.Config);

        Assert.Equal(2, result.ExitCode);
        ResultsSchema.AssertValid(result.Stdout);
        using var document = JsonDocument.Parse(result.Stdout);
        var names = document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!);
        Assert.Equal(scenario.Names.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal(4, document.RootElement.GetProperty("counts").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unbuffered_TapOnStdout_PutsThePlanLastAndProveReadsIt()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("-U", "--format", "tap", StructuredFormatsScenario.Config);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("TAP version 13", result.StdoutLines[0]);
        Assert.Equal("1..4", result.StdoutLines[^1]);
        Prove.AssertOutcome(await Prove.RunAsync(result.Stdout), "FAIL");
    }

    [Fact]
    public async Task Verbose_JsonOnStdout_PrintsStartingLinesOnStderrAndKeepsStdoutValid()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("-v", "--format", "json", StructuredFormatsScenario.Config);

        Assert.Equal(2, result.ExitCode);
        ResultsSchema.AssertValid(result.Stdout);
        Assert.DoesNotContain("Starting", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            new[] { $"Starting {scenario.TcpName}", $"Starting {scenario.Tcp6Name}", $"Starting {scenario.RefusedName}" }.Order(StringComparer.Ordinal),
            result.StderrLines.Select(l => l[..l.IndexOf(" (", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tracebacks_Json_CarriesTheFailuresError()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("-t", "--format", "json", StructuredFormatsScenario.Config);

        ResultsSchema.AssertValid(result.Stdout);
        using var document = JsonDocument.Parse(result.Stdout);
        var results = document.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains("Connection refused", results[2].GetProperty("traceback").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("traceback").ValueKind);
    }

    [Fact]
    public async Task DryRun_EveryFormat_ReportsEveryResultSkippedAndExits0()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("--dry-run", "--format", "junit:results.xml", "--format", "json:results.json", "--format", "tap", StructuredFormatsScenario.Config);

        Assert.Equal(0, result.ExitCode);
        Prove.AssertOutcome(await Prove.RunAsync(result.Stdout), "PASS");
        Assert.Equal(4, result.StdoutLines.Count(l => l.EndsWith(" # SKIP not run", StringComparison.Ordinal)));
        await XmlLint.AssertValidFileAsync(scenario.PathOf("results.xml"));
        Assert.Equal("4", (string?)XDocument.Load(scenario.PathOf("results.xml")).Root!.Element("testsuite")!.Attribute("skipped"));
        var json = await File.ReadAllTextAsync(scenario.PathOf("results.json"));
        ResultsSchema.AssertValid(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(4, document.RootElement.GetProperty("counts").GetProperty("skipped").GetInt32());
        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task NothingSelected_JsonAndTap_SayOkWithNoResultsAndExit0()
    {
        await using var scenario = new StructuredFormatsScenario();

        var result = await scenario.RunAsync("--include-tags", "nothing-has-this", "--format", "json", "--format", "tap:results.tap", StructuredFormatsScenario.Config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nothing to run", result.Stderr, StringComparison.Ordinal);
        ResultsSchema.AssertValid(result.Stdout);
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0, document.RootElement.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
        var tap = await File.ReadAllTextAsync(scenario.PathOf("results.tap"));
        Assert.Equal("TAP version 13\n1..0 # SKIP no checks selected\n", tap);
        Prove.AssertOutcome(await Prove.RunFileAsync(scenario.PathOf("results.tap")), "NOTESTS");
    }

    private static void AssertJsonResults(StructuredFormatsScenario scenario, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("exit_code").GetInt32());
        Assert.Equal(StructuredFormatsScenario.Config, root.GetProperty("config_file").GetString());
        var counts = root.GetProperty("counts");
        Assert.Equal((2, 0, 1, 1, 4), (counts.GetProperty("ok").GetInt32(), counts.GetProperty("warning").GetInt32(), counts.GetProperty("failed").GetInt32(), counts.GetProperty("skipped").GetInt32(), counts.GetProperty("total").GetInt32()));

        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(scenario.Names, results.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["ok", "ok", "failed", "skipped"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal([1, 6, 10, 10], results.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["tcp", "tcp", "memcache", "memcache"], results.Select(r => r.GetProperty("type").GetString()));

        Assert.Equal("web front", results[0].GetProperty("check").GetString());
        Assert.Equal(["web", "edge"], results[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("::1", results[1].GetProperty("host").GetString());
        Assert.Equal(scenario.Tcp6Port, results[1].GetProperty("port").GetInt32());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("check").ValueKind);

        var refused = results[2];
        Assert.Equal("connect", refused.GetProperty("stage").GetString());
        Assert.Equal("Connection refused", refused.GetProperty("message").GetString());
        Assert.Equal(["cache"], refused.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(refused.GetProperty("duration_seconds").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, results[3].GetProperty("stage").ValueKind);
    }
}
