using System.Text.RegularExpressions;
using ConnCheck.Cli;
using ConnCheck.Tests.Configuration;

namespace ConnCheck.Tests.Cli;

public sealed class ConnCheckAppUsageTests
{
    private const string UsageLine = "usage: conn-check [options] CONFIG_FILE [PATTERN ...]";

    private static readonly string Checks = TestFiles.PathOf("cli", "checks.yaml");

    [Fact]
    public async Task RunAsync_Version_PrintsNameAndVersionAndExits0()
    {
        var run = await AppRun.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"conn-check {ConnCheckApp.Version}"], run.StdoutLines);
        Assert.Matches(new Regex(@"^conn-check \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"), run.StdoutLines[0]);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_VersionWithAConfigFile_StillOnlyPrintsTheVersion()
    {
        var run = await AppRun.RunAsync(Checks, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"conn-check {ConnCheckApp.Version}"], run.StdoutLines);
    }

    [Fact]
    public async Task RunAsync_NoConfigFile_PrintsUsageAndExits3()
    {
        var run = await AppRun.RunAsync();

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(UsageLine, run.StderrLines[0]);
        Assert.StartsWith("conn-check: error: ", run.StderrLines[1], StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("[x]")]
    [InlineData("[x]", "CHECKS")]
    public async Task RunAsync_LeadingBracketedArgument_RefusedByName(params string[] args)
    {
        // System.CommandLine reads it as a directive; refused, not dropped, so that no argument is ignored unseen.
        var run = await AppRun.RunAsync(args.Select(a => a == "CHECKS" ? Checks : a).ToArray());

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([UsageLine, "conn-check: error: Unrecognized command or argument '[x]'."], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_IncludeAndExcludeTagsTogether_IsAUsageError()
    {
        var run = await AppRun.RunAsync("--include-tags", "db", "--exclude-tags", "web", "--dry-run", Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            [UsageLine, "conn-check: error: argument --exclude-tags: not allowed with argument --include-tags"],
            run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("--max-timeout", "abc")]
    [InlineData("--max-timeout", "0")]
    [InlineData("--max-timeout", "-5")]
    [InlineData("--connect-timeout", "0")]
    [InlineData("--connect-timeout", "ten")]
    [InlineData("--connect-timeout", "NaN")]
    [InlineData("--wait", "0")]
    [InlineData("--wait", "-2")]
    [InlineData("--wait", "soon")]
    [InlineData("--retry-interval", "0")]
    public async Task RunAsync_BadSeconds_IsAUsageErrorNamingTheOption(string option, string value)
    {
        var run = await AppRun.RunAsync(option, value, "--dry-run", Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(UsageLine, run.StderrLines[0]);
        Assert.Equal($"conn-check: error: argument {option}: expected a number of seconds greater than 0, got '{value}'", run.StderrLines[1]);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("-j", "0")]
    [InlineData("--max-concurrency", "0")]
    [InlineData("-j", "-3")]
    public async Task RunAsync_MaxConcurrencyBelowOne_IsAUsageError(string option, string value)
    {
        var run = await AppRun.RunAsync(option, value, "--dry-run", Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([UsageLine, "conn-check: error: argument -j/--max-concurrency: must be at least 1"], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_MaxConcurrencyNotANumber_IsAUsageError()
    {
        var run = await AppRun.RunAsync("-j", "many", "--dry-run", Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(UsageLine, run.StderrLines[0]);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("--frobnicate", "--dry-run", "CHECKS")]
    [InlineData("--dry-run", "CHECKS", "--frobnicate")]
    [InlineData("--max-timout", "5", "CHECKS")]
    [InlineData("-x", "CHECKS")]
    public async Task RunAsync_UnknownOption_IsAUsageError(params string[] args)
    {
        var run = await AppRun.RunAsync(args.Select(a => a == "CHECKS" ? Checks : a).ToArray());

        var unknown = args.First(a => a.StartsWith('-') && a is not "--dry-run");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal([UsageLine, $"conn-check: error: unrecognized argument: {unknown}"], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_PatternAfterDoubleDash_MayStartWithADash()
    {
        var run = await AppRun.RunAsync("--dry-run", Checks, "--", "-not-a-result-name");

        // Taken as a pattern, not refused as an option: it matches nothing, which the run says.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(["conn-check: no check matches the tags and patterns given: nothing to run"], run.StderrLines);
    }

    [Fact]
    public async Task RunAsync_TlsCertsPathThatDoesNotExist_IsAUsageError()
    {
        var missing = TestFiles.PathOf("cli", "no-such-certs-directory");

        var run = await AppRun.RunAsync("--tls-certs-path", missing, "--dry-run", Checks);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([UsageLine, $"conn-check: error: argument --tls-certs-path: no such directory: {missing}"], run.StderrLines);
    }

    [Fact]
    public async Task RunAsync_GoodSecondsAndConcurrency_AreAccepted()
    {
        var run = await AppRun.RunAsync("--max-timeout", "0.5", "--connect-timeout", "2.5", "-j", "1", "--dry-run", Checks);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(4, run.StdoutLines.Count);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsTheOptionsAndExits0()
    {
        var run = await AppRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CONFIG_FILE", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--max-timeout", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--dry-run", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryCommandOnOneLine()
    {
        var run = await AppRun.RunAsync("--help");

        var commands = run.StdoutLines.SkipWhile(l => !l.StartsWith("Commands", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0);
        Assert.Equal(["export-fw", "convert-fw", "configs", "serve"], commands.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        Assert.All(commands, l => Assert.Matches(@"^  [a-z-]+ +[A-Z].+\.$", l));
    }

    [Fact]
    public async Task RunAsync_HelpWord_ShowsTheHelpRatherThanReadingAFileNamedHelp()
    {
        var word = await AppRun.RunAsync("help");
        var option = await AppRun.RunAsync("--help");

        Assert.Equal((0, option.Stdout), (word.ExitCode, word.Stdout));
        Assert.DoesNotContain("cannot read", word.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export-fw", "--output")]
    [InlineData("convert-fw", "--type")]
    [InlineData("configs", "django")]
    [InlineData("serve", "--listen")]
    public async Task RunAsync_HelpWordAndACommand_ShowsThatCommandsHelp(string command, string expected)
    {
        var run = await AppRun.RunAsync("help", command);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($" {command} ", run.Stdout.Split("Usage:")[1].Split('\n')[1], StringComparison.Ordinal);
        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
    }
}
