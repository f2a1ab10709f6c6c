using System.Text.Json;
using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Secrets;
using ConnCheck.Tests.EndToEnd;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Output;

/// <summary>The json, junit and tap formats behind the result pipeline, as the command opens them.</summary>
public sealed class StructuredPipelineTests
{
    private const string Secret = "hunter2-secret";

    [Fact]
    public async Task Finish_SecretInMessages_IsMaskedInEveryStructuredFormat()
    {
        using var directory = new TempDirectory();
        var stdout = new Utf8StringWriter();
        var requests = FormatRequest.ParseAll(["json", $"junit:{Path.Combine(directory.Path, "results.xml")}", $"tap:{Path.Combine(directory.Path, "results.tap")}"], out var problem);
        Assert.Null(problem);
        var time = new FakeTimeProvider(FormatSamples.Started);
        var pipeline = ResultPipeline.Open(requests, FormatSamples.Settings with { Tracebacks = true }, verbose: false, new Redactor([Secret]), stdout, TextWriter.Null, time);

        pipeline.Completed(new CheckResult("redis:cache.example.com:6379:connect with auth", "user app", ResultStatus.Failed, TimeSpan.FromMilliseconds(3), $"password {Secret} rejected",
            new CheckFailedException(FailureStage.Auth, $"AUTH {Secret} failed: WRONGPASS"))
        {
            Subject = new ResultSubject("redis", "cache", ["tag"], 1, "cache.example.com", 6379, TimeSpan.FromSeconds(10), 0),
            Stage = FailureStage.Auth,
        });
        time.Advance(TimeSpan.FromSeconds(2));
        var exitCode = pipeline.Finish();
        pipeline.Dispose();

        Assert.Equal(ExitCode.Critical, exitCode);
        var json = stdout.ToString();
        var junit = await File.ReadAllTextAsync(Path.Combine(directory.Path, "results.xml"));
        var tap = await File.ReadAllTextAsync(Path.Combine(directory.Path, "results.tap"));
        foreach (var output in new[] { json, junit, tap })
        {
            Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
            Assert.Contains("password *** rejected", output, StringComparison.Ordinal);
            Assert.Contains("AUTH *** failed", output, StringComparison.Ordinal);
        }

        ResultsSchema.AssertValid(json);
        using var document = JsonDocument.Parse(json);
        var result = Assert.Single(document.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(("cache.example.com", "cache", "tag", "user app"), (result.GetProperty("host").GetString(), result.GetProperty("check").GetString(), result.GetProperty("tags")[0].GetString(), result.GetProperty("info").GetString()));
        Assert.Equal(2, document.RootElement.GetProperty("duration_seconds").GetDouble());
        Assert.Equal("2024-05-01T12:00:00.25Z", document.RootElement.GetProperty("start_time").GetString());
        await XmlLint.AssertValidFileAsync(Path.Combine(directory.Path, "results.xml"));
        Prove.AssertOutcome(await Prove.RunFileAsync(Path.Combine(directory.Path, "results.tap")), "FAIL");
        Assert.Equal(["results.tap", "results.xml"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
