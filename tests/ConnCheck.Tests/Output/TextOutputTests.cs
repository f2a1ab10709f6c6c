using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Tests.Output;

public sealed class TextOutputTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(12.34);

    private readonly StringWriter _writer = new() { NewLine = "\n" };

    [Fact]
    public void Completed_Ok_PrintsNameOk()
    {
        Assert.Equal(["tcp:db.example.com:5432 OK"], Print(new TextOutputOptions(), Ok("tcp:db.example.com:5432")));
    }

    [Fact]
    public void Completed_FailedWithInfo_PrintsInfoInParenthesesBeforeTheMessage()
    {
        var lines = Print(new TextOutputOptions(), Failed("tcp:db.example.com:5432", "db.example.com:5432", "Connection refused"));

        Assert.Equal(["tcp:db.example.com:5432 FAILED - (db.example.com:5432) Connection refused"], lines);
    }

    [Fact]
    public void Completed_FailedWithoutInfo_PrintsOnlyTheMessage()
    {
        var lines = Print(new TextOutputOptions(), Failed("http:https://www.example.com/:", null, "status 500, expected 200"));

        Assert.Equal(["http:https://www.example.com/: FAILED - status 500, expected 200"], lines);
    }

    [Fact]
    public void Completed_Skipped_PrintsSkippedColonName()
    {
        Assert.Equal(["SKIPPED: tls:www.example.com:443"], Print(new TextOutputOptions(), CheckResult.Skipped("tls:www.example.com:443", "www.example.com:443")));
    }

    [Fact]
    public void Completed_WithDuration_PrintsMillisecondsWithOneDecimal()
    {
        var lines = Print(
            new TextOutputOptions(ShowDuration: true),
            Ok("tcp:a:1"),
            Failed("tcp:b:1", "b:1", "Connection refused"),
            Failed("http:https://c/:", null, "status 404, expected 200"),
            CheckResult.Skipped("tcp:d:1", "d:1"));

        Assert.Equal(
        [
            "http:https://c/: FAILED (12.3 ms) - status 404, expected 200",
            "tcp:b:1 FAILED (12.3 ms) - (b:1) Connection refused",
            "tcp:a:1 OK (12.3 ms)",
            "SKIPPED: tcp:d:1",
        ],
            lines);
    }

    [Theory]
    [InlineData(0, "0.0")]
    [InlineData(0.04, "0.0")]
    [InlineData(0.06, "0.1")]
    [InlineData(12345.678, "12345.7")]
    public void Completed_WithDuration_RoundsToTenthsOfAMillisecond(double milliseconds, string shown)
    {
        var lines = Print(new TextOutputOptions(ShowDuration: true), Ok("tcp:a:1") with { Duration = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Equal([$"tcp:a:1 OK ({shown} ms)"], lines);
    }

    [Fact]
    public void Completed_WithTracebacks_IndentsTheFullErrorTwoSpacesUnderTheFailure()
    {
        var error = Thrown(new InvalidOperationException("outer problem\nwith a second line", new TimeoutException("inner problem")));

        var lines = Print(new TextOutputOptions(Tracebacks: true), Failed("tcp:a:1", "a:1", "outer problem", error), Ok("tcp:b:1"));

        Assert.Equal("tcp:a:1 FAILED - (a:1) outer problem", lines[0]);
        Assert.Equal("  System.InvalidOperationException: outer problem", lines[1]);
        Assert.Equal("  with a second line", lines[2]);
        Assert.StartsWith("   ---> System.TimeoutException: inner problem", lines[3], StringComparison.Ordinal);
        var traceback = lines.Skip(1).TakeWhile(l => l != "tcp:b:1 OK").ToList();
        Assert.Contains(traceback, l => l.StartsWith("     at ", StringComparison.Ordinal) && l.Contains(nameof(Thrown), StringComparison.Ordinal));
        Assert.All(traceback, l => Assert.StartsWith("  ", l, StringComparison.Ordinal));
        Assert.Equal(error.ToString().Split('\n').Length, traceback.Count);
        Assert.Equal("tcp:b:1 OK", lines[^1]);
    }

    [Fact]
    public void Completed_WithTracebacksButNoError_PrintsOnlyTheLine()
    {
        var lines = Print(new TextOutputOptions(Tracebacks: true), Failed("tcp:a:1", "a:1", "Maximum timeout reached (5 s)"));

        Assert.Equal(["tcp:a:1 FAILED - (a:1) Maximum timeout reached (5 s)"], lines);
    }

    [Fact]
    public void Completed_WithoutTracebacks_LeavesTheErrorOut()
    {
        var error = Thrown(new InvalidOperationException("outer problem"));

        var lines = Print(new TextOutputOptions(), Failed("tcp:a:1", "a:1", "outer problem", error));

        Assert.Equal(["tcp:a:1 FAILED - (a:1) outer problem"], lines);
    }

    [Fact]
    public void Completed_Buffered_PrintsNothingUntilFinish()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(), Redactor.None);

        output.Completed(Ok("tcp:a:1"));
        output.Completed(Failed("tcp:b:1", "b:1", "refused"));

        Assert.Equal("", _writer.ToString());
        output.Finish();
        Assert.Equal("tcp:b:1 FAILED - (b:1) refused\ntcp:a:1 OK\n", _writer.ToString());
    }

    [Fact]
    public void Completed_Unbuffered_PrintsEachResultAsItArrives()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(Buffered: false), Redactor.None);

        output.Completed(Ok("tcp:z:1"));
        Assert.Equal("tcp:z:1 OK\n", _writer.ToString());
        output.Completed(CheckResult.Skipped("tcp:a:1", null));
        output.Completed(Failed("tcp:m:1", "m:1", "refused"));
        output.Completed(Ok("tcp:b:1"));
        Assert.Equal(2, output.Finish());

        Assert.Equal("tcp:z:1 OK\nSKIPPED: tcp:a:1\ntcp:m:1 FAILED - (m:1) refused\ntcp:b:1 OK\n", _writer.ToString());
    }

    [Fact]
    public void Finish_AnythingFailed_Returns2()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(), Redactor.None);
        output.Completed(Ok("tcp:a:1"));
        output.Completed(Failed("tcp:b:1", "b:1", "refused"));
        output.Completed(CheckResult.Skipped("tcp:c:1", null));

        Assert.Equal(2, output.Finish());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Finish_OnlyOksAndSkips_Returns0(bool buffered)
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(Buffered: buffered), Redactor.None);
        output.Completed(Ok("tcp:a:1"));
        output.Completed(CheckResult.Skipped("tcp:c:1", null));

        Assert.Equal(0, output.Finish());
    }

    [Fact]
    public void Finish_OnlySkips_Returns0()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(), Redactor.None);
        output.Completed(CheckResult.Skipped("tcp:a:1", null));
        output.Completed(CheckResult.Skipped("tcp:b:1", null));

        Assert.Equal(0, output.Finish());
        Assert.Equal("SKIPPED: tcp:a:1\nSKIPPED: tcp:b:1\n", _writer.ToString());
    }

    [Fact]
    public void Finish_NoResults_Returns0AndPrintsNothing()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(), Redactor.None);

        Assert.Equal(0, output.Finish());
        Assert.Equal("", _writer.ToString());
    }

    [Fact]
    public void Started_Verbose_PrintsStartingNameAndInfoAtOnceEvenWhenBuffered()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(Verbose: true), Redactor.None);

        output.Started("tcp:db.example.com:5432", "db.example.com:5432");
        Assert.Equal("Starting tcp:db.example.com:5432 (db.example.com:5432)...\n", _writer.ToString());
        output.Started("http:https://www.example.com/:", null);
        output.Completed(Ok("tcp:db.example.com:5432"));
        output.Finish();

        Assert.Equal(
            "Starting tcp:db.example.com:5432 (db.example.com:5432)...\nStarting http:https://www.example.com/:...\ntcp:db.example.com:5432 OK\n",
            _writer.ToString());
    }

    [Fact]
    public void Started_NotVerbose_PrintsNothing()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(Buffered: false), Redactor.None);

        output.Started("tcp:db.example.com:5432", "db.example.com:5432");

        Assert.Equal("", _writer.ToString());
    }

    [Fact]
    public void Completed_Secrets_AreMaskedInMessagesAndTracebacksButNeverInNames()
    {
        // A password that is also the host name: names and info texts are built from what is not
        // secret and stay as they are (SPEC C2); what peers and drivers said is masked.
        var redactor = new Redactor(["hunter2", "db-secret.example.com"]);
        var output = new TextPipeline(_writer, new TextOutputOptions(Buffered: false, Verbose: true, Tracebacks: true), redactor);
        var error = Thrown(new InvalidOperationException("login as admin:hunter2 refused"));

        output.Started("tcp:db-secret.example.com:5432", "db-secret.example.com:5432");
        output.Completed(Failed("tcp:db-secret.example.com:5432", "db-secret.example.com:5432", "password hunter2 rejected by db-secret.example.com", error));
        output.Completed(Ok("tls:db-secret.example.com:443"));
        output.Completed(CheckResult.Skipped("udp:db-secret.example.com:8125", null));
        output.Finish();

        var text = _writer.ToString();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        Assert.Equal("Starting tcp:db-secret.example.com:5432 (db-secret.example.com:5432)...", lines[0]);
        Assert.Equal("tcp:db-secret.example.com:5432 FAILED - (db-secret.example.com:5432) password *** rejected by ***", lines[1]);
        Assert.Equal("  System.InvalidOperationException: login as admin:*** refused", lines[2]);
        Assert.Contains("tls:db-secret.example.com:443 OK", lines);
        Assert.Contains("SKIPPED: udp:db-secret.example.com:8125", lines);
    }

    [Fact]
    public void Completed_SecretsShorterThanThreeCharacters_AreNotMasked()
    {
        var output = new TextPipeline(_writer, new TextOutputOptions(), new Redactor(["1", "db"]));

        output.Completed(Failed("tcp:db:1", "db:1", "refused"));
        output.Finish();

        Assert.Equal("tcp:db:1 FAILED - (db:1) refused\n", _writer.ToString());
    }

    private static CheckResult Ok(string name) => new(name, null, ResultStatus.Ok, Duration);

    private static CheckResult Failed(string name, string? info, string message, Exception? error = null) =>
        new(name, info, ResultStatus.Failed, Duration, message, error);

    private static Exception Thrown(Exception error)
    {
        try
        {
            throw error;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }

    private List<string> Print(TextOutputOptions options, params CheckResult[] results)
    {
        var output = new TextPipeline(_writer, options, Redactor.None);
        foreach (var result in results)
        {
            output.Completed(result);
        }

        output.Finish();
        var text = _writer.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text[..^1].Split('\n')];
    }
}
