using ConnCheck.Tests.Cli;

namespace ConnCheck.Tests.Serve;

/// <summary><c>conn-check serve</c>'s command line, through the whole program in memory.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task RunAsync_Help_ListsTheCheckOptionsAndServesOwnButNoStdoutOutputOption()
    {
        var run = await AppRun.RunAsync("serve", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--listen", "--interval", "--include-tags", "--max-timeout", "--connect-timeout", "--max-concurrency", "--tracebacks", "--duration", "--format <FORMAT:PATH>" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }

        foreach (var option in new[] { "--unbuffered-output", "--validate", "--wait", "--retry-interval" })
        {
            Assert.DoesNotContain(option, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_OutputOption_IsAUsageError()
    {
        var run = await AppRun.RunAsync("serve", "--unbuffered-output", "checks.yaml");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("usage: conn-check serve [options] CONFIG_FILE [PATTERN ...]", run.StderrLines[0]);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("json:-")]
    public async Task RunAsync_FormatToStandardOutput_IsAUsageError(string format)
    {
        var run = await AppRun.RunAsync("serve", "--format", format, "checks.yaml");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("conn-check serve: error: argument --format: serve writes formats to files only (FORMAT:PATH), not json to standard output: its results are on its endpoints", run.StderrLines[1]);
    }

    [Fact]
    public async Task RunAsync_MissingConfigurationFile_Exits3BeforeListening()
    {
        var run = await AppRun.RunAsync("serve", "--listen", "127.0.0.1:0", "no-such-file.yaml");

        Assert.Equal(3, run.ExitCode);
        Assert.DoesNotContain("listening", run.Stderr, StringComparison.Ordinal);
    }
}
