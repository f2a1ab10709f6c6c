using ConnCheck.Output;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Configuration;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Cli;

/// <summary>--format and the certificate options on the command line: usage errors run nothing and write nothing.</summary>
public sealed class ConnCheckAppFormatTests
{
    private const string UsageLine = "usage: conn-check [options] CONFIG_FILE [PATTERN ...]";

    private static readonly string Checks = TestFiles.PathOf("cli", "checks.yaml");

    [Theory]
    [InlineData("xml", "argument --format: unknown format 'xml' (formats: {0})")]
    [InlineData("text,json", "argument --format: unknown format 'text,json' (formats: {0})")]
    public async Task RunAsync_UnknownFormat_UsageErrorExit3(string format, string message)
    {
        var run = await AppRun.RunAsync("--format", format, Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([UsageLine, "conn-check: error: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, ResultFormats.Names)], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_TwoFormatsOnStdout_UsageErrorAndNoFileWritten()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "out.txt");

        var run = await AppRun.RunAsync("--format", $"text:{file}", "--format", "text", "--format", "text", Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("conn-check: error: argument --format: text and text both write to standard output; give all but one a file (FORMAT:PATH)", run.StderrLines[1]);
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task RunAsync_FormatFileInAMissingDirectory_UsageErrorBeforeAnythingRuns()
    {
        await using var peer = TcpPeer.Start();
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, directory.Write("checks.yaml", $"- {{type: tcp, host: 127.0.0.1, port: {peer.Port}}}\n"));
        var missing = Path.Combine(directory.Path, "missing", "out.txt");

        var run = await AppRun.RunAsync("--format", $"text:{missing}", config);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"conn-check: error: argument --format: cannot write text to '{missing}': no such directory", run.StderrLines[1]);
        Assert.Equal(0, peer.Accepted);
    }

    [Fact]
    public async Task RunAsync_FormatFileAndConfigurationError_ConfigurationErrorAndNoFile()
    {
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, directory.Write("checks.yaml", "- {type: tcp, host: 127.0.0.1}\n"));
        var file = Path.Combine(directory.Path, "out.txt");

        var run = await AppRun.RunAsync("--format", $"text:{file}", config);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([$"{config}:1:3: tcp check is missing required option 'port'"], run.StderrLines);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task RunAsync_TextToAFile_WritesTheFileAndNothingOnStdout()
    {
        await using var peer = TcpPeer.Start();
        using var closed = new ClosedPort();
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, directory.Write("checks.yaml", $"""
            - {"{"}type: tcp, host: 127.0.0.1, port: {peer.Port}{"}"}
            - {"{"}type: tcp, host: 127.0.0.1, port: {closed.Port}{"}"}
            """));
        var file = Path.Combine(directory.Path, "out.txt");

        var run = await AppRun.RunAsync("--format", $"text:{file}", config);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("", run.Stderr);
        Assert.Equal(
            $"tcp:127.0.0.1:{closed.Port} FAILED - (127.0.0.1:{closed.Port}) Connection refused\ntcp:127.0.0.1:{peer.Port} OK\n",
            File.ReadAllText(file));
        Assert.Equal(["checks.yaml", "out.txt"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("--cert-warning-days", "-1")]
    [InlineData("--cert-warning-days", "2.5")]
    [InlineData("--cert-critical-days", "soon")]
    [InlineData("--cert-critical-days", "36501")]
    public async Task RunAsync_BadDays_UsageErrorExit3(string option, string value)
    {
        var run = await AppRun.RunAsync(option, value, "--dry-run", Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"conn-check: error: argument {option}: expected a whole number of days from 0 to 36500, got '{value}'", run.StderrLines[1]);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryFormat()
    {
        var run = await AppRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--format <FORMAT[:PATH]>", run.Stdout, StringComparison.Ordinal);
        foreach (var line in ResultFormats.Described)
        {
            Assert.Contains(line, run.Stdout, StringComparison.Ordinal);
        }
    }
}
