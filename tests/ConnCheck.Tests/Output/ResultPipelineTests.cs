using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Secrets;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Output;

public sealed class ResultPipelineTests
{
    private static readonly ResultSubject Subject = new("tcp", "primary db", ["db", "hunter2-tag"], 3, "db.hunter2.example.com", 5432, TimeSpan.FromSeconds(10), 0);

    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    [Fact]
    public void Completed_Secrets_AreMaskedOnceForEveryFormatInMessagesAndDetailsOnly()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "out.txt");
        var pipeline = Open([new(RecordingFormat.Entry, null), new(RecordingFormat.Entry, file)], tracebacks: true, secrets: ["hunter2"]);

        pipeline.Completed(new CheckResult("tcp:db.hunter2.example.com:5432", "user hunter2", ResultStatus.Failed, TimeSpan.Zero, "password hunter2 refused", Thrown("login hunter2"))
        {
            Subject = Subject,
            Stage = FailureStage.Auth,
        });
        pipeline.Finish();

        // Names, info, hosts and tags are built from options that are not secret: never masked (SPEC C2).
        var expected = "add tcp:db.hunter2.example.com:5432 Failed password *** refused | user hunter2 | db.hunter2.example.com | db,hunter2-tag | System.InvalidOperationException: login *** | True\n"
            + "close 1 Critical False\n";
        Assert.Equal(expected, _stdout.ToString());
        Assert.Equal(expected, File.ReadAllText(file));
    }

    [Fact]
    public void Completed_WithoutTracebacks_NoDetailsAndNoError()
    {
        var pipeline = Open([new(RecordingFormat.Entry, null)]);

        pipeline.Completed(new CheckResult("a:1", null, ResultStatus.Failed, TimeSpan.Zero, "no", Thrown("no")));
        pipeline.Finish();

        Assert.Equal("add a:1 Failed no |  |  |  |  | True\nclose 1 Critical False\n", _stdout.ToString());
    }

    [Theory]
    [InlineData(new[] { "Ok", "Skipped" }, 0)]
    [InlineData(new[] { "Ok", "Warning", "Skipped" }, 1)]
    [InlineData(new[] { "Warning", "Failed", "Ok" }, 2)]
    [InlineData(new[] { "Skipped" }, 0)]
    public void Finish_WorstResult_DecidesTheExitCode(string[] statuses, int exitCode)
    {
        var pipeline = Open([new(RecordingFormat.Entry, null)]);
        foreach (var (status, i) in statuses.Select((s, i) => (s, i)))
        {
            pipeline.Completed(new CheckResult($"a:{i}", null, Enum.Parse<ResultStatus>(status), TimeSpan.Zero));
        }

        Assert.Equal((ExitCode)exitCode, pipeline.Finish());
    }

    [Fact]
    public void Finish_NothingSelected_OkUnlessAFormatCallsThatUnknown()
    {
        Assert.Equal(ExitCode.Ok, Open([new(RecordingFormat.Entry, null)]).Finish());
        Assert.Equal("close 0 Ok True\n", _stdout.ToString());

        var strict = Path.Combine(Path.GetTempPath(), $"conn-check-strict-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(ExitCode.Unknown, Open([new(RecordingFormat.Entry, null), new(RecordingFormat.StrictEntry, strict)]).Finish());
            Assert.Equal("close 0 Unknown True\n", File.ReadAllText(strict));
        }
        finally
        {
            File.Delete(strict);
        }
    }

    [Fact]
    public void Started_VerboseWithTextOnStdout_StartingLinesGoToStdout()
    {
        var pipeline = Open([new(TextFormat.Entry, null)], verbose: true);

        pipeline.Started("tcp:a:1", "a:1");

        Assert.Equal("Starting tcp:a:1 (a:1)...\n", _stdout.ToString());
        Assert.Equal("", _stderr.ToString());
    }

    [Fact]
    public void Started_VerboseWithAnotherFormatOnStdout_StartingLinesGoToStderr()
    {
        using var directory = new TempDirectory();
        var pipeline = Open([new(RecordingFormat.Entry, null), new(TextFormat.Entry, Path.Combine(directory.Path, "text"))], verbose: true, secrets: ["secret-host"]);

        pipeline.Started("tcp:secret-host:1", "secret-host:1");

        Assert.Equal("", _stdout.ToString());
        Assert.Equal("Starting tcp:secret-host:1 (secret-host:1)...\n", _stderr.ToString());
    }

    [Fact]
    public void Open_FileFormat_NeverStreamsAndAppearsOnlyAtFinish()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "results.txt");
        File.WriteAllText(file, "the previous run\n");
        var pipeline = Open([new(TextFormat.Entry, file), new(TextFormat.Entry, null)], streaming: true);

        pipeline.Completed(new CheckResult("tcp:b:1", null, ResultStatus.Ok, TimeSpan.Zero));
        pipeline.Completed(new CheckResult("tcp:a:1", "a:1", ResultStatus.Failed, TimeSpan.Zero, "refused"));

        Assert.Equal("tcp:b:1 OK\ntcp:a:1 FAILED - (a:1) refused\n", _stdout.ToString());
        Assert.Equal("the previous run\n", File.ReadAllText(file));
        pipeline.Finish();
        Assert.Equal("tcp:a:1 FAILED - (a:1) refused\ntcp:b:1 OK\n", File.ReadAllText(file));
        Assert.Equal(["results.txt"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Dispose_WithoutFinish_LeavesTheOldFileAndNoTemporaryFile()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "results.txt");
        File.WriteAllText(file, "the previous run\n");

        using (var pipeline = Open([new(TextFormat.Entry, file)]))
        {
            pipeline.Completed(new CheckResult("tcp:b:1", null, ResultStatus.Ok, TimeSpan.Zero));
        }

        Assert.Equal("the previous run\n", File.ReadAllText(file));
        Assert.Equal(["results.txt"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Open_FileInADirectoryItCannotWrite_ThrowsAndCreatesNothing()
    {
        using var directory = new TempDirectory();
        var first = Path.Combine(directory.Path, "first.txt");
        var missing = Path.Combine(directory.Path, "gone", "second.txt");

        Assert.ThrowsAny<IOException>(() => Open([new(TextFormat.Entry, first), new(TextFormat.Entry, missing)]));

        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Finish_TextWithAWarning_FailuresThenWarningsThenSuccessesThenSkips()
    {
        var pipeline = Open([new(TextFormat.Entry, null)]);
        pipeline.Completed(CheckResult.Skipped("tcp:s:1", null));
        pipeline.Completed(new CheckResult("tcp:a:1", null, ResultStatus.Ok, TimeSpan.Zero));
        pipeline.Completed(new CheckResult("tls:w:443", "w:443", ResultStatus.Warning, TimeSpan.Zero, "TLS certificate expires on 2026-12-09 (5 days left)"));
        pipeline.Completed(new CheckResult("tcp:f:1", "f:1", ResultStatus.Failed, TimeSpan.Zero, "Connection refused"));

        Assert.Equal(ExitCode.Critical, pipeline.Finish());

        Assert.Equal(
            "tcp:f:1 FAILED - (f:1) Connection refused\n"
            + "tls:w:443 WARNING - (w:443) TLS certificate expires on 2026-12-09 (5 days left)\n"
            + "tcp:a:1 OK\n"
            + "SKIPPED: tcp:s:1\n",
            _stdout.ToString());
    }

    [Fact]
    public void Finish_TextWarningWithDuration_DurationAfterTheWord()
    {
        var pipeline = Open([new(TextFormat.Entry, null)], showDuration: true);
        pipeline.Completed(new CheckResult("tls:w:443", null, ResultStatus.Warning, TimeSpan.FromMilliseconds(12.34), "TLS certificate expires on 2026-12-09 (5 days left)"));

        Assert.Equal(ExitCode.Warning, pipeline.Finish());
        Assert.Equal("tls:w:443 WARNING (12.3 ms) - TLS certificate expires on 2026-12-09 (5 days left)\n", _stdout.ToString());
    }

    private ResultPipeline Open(FormatRequest[] requests, bool tracebacks = false, bool verbose = false, bool streaming = false, bool showDuration = false, string[]? secrets = null) =>
        ResultPipeline.Open(requests, new FormatSettings(Streaming: streaming, ShowDuration: showDuration, Tracebacks: tracebacks), verbose, new Redactor(secrets ?? []), _stdout, _stderr, TimeProvider.System);

    private static Exception Thrown(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
