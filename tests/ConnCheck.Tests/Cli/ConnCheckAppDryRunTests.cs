using ConnCheck.Tests.Configuration;

namespace ConnCheck.Tests.Cli;

/// <summary>Runs that contact nothing: --dry-run lists what would run, so tags and patterns can be checked offline.</summary>
public sealed class ConnCheckAppDryRunTests
{
    private static readonly string Checks = TestFiles.PathOf("cli", "checks.yaml");

    [Fact]
    public async Task RunAsync_DryRun_ReportsEveryResultSkippedSortedAndExits0()
    {
        var run = await AppRun.RunAsync("--dry-run", Checks);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            "SKIPPED: tcp:127.0.0.1:5432",
            "SKIPPED: tcp:[::1]:11211",
            "SKIPPED: tls:127.0.0.1:443",
            "SKIPPED: udp:127.0.0.1:8125",
        ],
            run.StdoutLines);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("db", new[] { "SKIPPED: tcp:127.0.0.1:5432" })]
    [InlineData("db,metrics", new[] { "SKIPPED: tcp:127.0.0.1:5432", "SKIPPED: udp:127.0.0.1:8125" })]
    [InlineData(" public , metrics ", new[] { "SKIPPED: tls:127.0.0.1:443", "SKIPPED: udp:127.0.0.1:8125" })]
    [InlineData("nothing-has-this-tag", new string[0])]
    public async Task RunAsync_IncludeTags_RunsOnlyChecksWithOneOfThem(string tags, string[] expected)
    {
        var run = await AppRun.RunAsync("--dry-run", "--include-tags", tags, Checks);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.StdoutLines);
    }

    [Theory]
    [InlineData("db", new[] { "SKIPPED: tcp:[::1]:11211", "SKIPPED: tls:127.0.0.1:443", "SKIPPED: udp:127.0.0.1:8125" })]
    [InlineData("db, web", new[] { "SKIPPED: tcp:[::1]:11211", "SKIPPED: udp:127.0.0.1:8125" })]
    [InlineData("nothing-has-this-tag", new[] { "SKIPPED: tcp:127.0.0.1:5432", "SKIPPED: tcp:[::1]:11211", "SKIPPED: tls:127.0.0.1:443", "SKIPPED: udp:127.0.0.1:8125" })]
    public async Task RunAsync_ExcludeTags_RunsAllButChecksWithOneOfThem(string tags, string[] expected)
    {
        var run = await AppRun.RunAsync("--dry-run", "--exclude-tags", tags, Checks);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.StdoutLines);
    }

    [Theory]
    [InlineData(new[] { "tcp:*" }, new[] { "SKIPPED: tcp:127.0.0.1:5432", "SKIPPED: tcp:[::1]:11211" })]
    [InlineData(new[] { "*:443", "udp:*" }, new[] { "SKIPPED: tls:127.0.0.1:443", "SKIPPED: udp:127.0.0.1:8125" })]
    [InlineData(new[] { "tcp:127.0.0.1:5432" }, new[] { "SKIPPED: tcp:127.0.0.1:5432" })]
    [InlineData(new[] { "*[::1]*", "*:11211" }, new[] { "SKIPPED: tcp:[::1]:11211" })]
    [InlineData(new[] { "TCP:*" }, new string[0])]
    public async Task RunAsync_Patterns_RunOnlyMatchingResults(string[] patterns, string[] expected)
    {
        var run = await AppRun.RunAsync(["--dry-run", Checks, .. patterns]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.StdoutLines);
    }

    [Fact]
    public async Task RunAsync_PatternsAndTags_BothApply()
    {
        var run = await AppRun.RunAsync("--dry-run", "--exclude-tags", "db", Checks, "tcp:*");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["SKIPPED: tcp:[::1]:11211"], run.StdoutLines);
    }

    [Fact]
    public async Task RunAsync_UnbufferedWithDurations_IsAcceptedAndPrintsInFileOrder()
    {
        var run = await AppRun.RunAsync("-U", "-d", "--dry-run", Checks);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            "SKIPPED: tcp:127.0.0.1:5432",
            "SKIPPED: tls:127.0.0.1:443",
            "SKIPPED: udp:127.0.0.1:8125",
            "SKIPPED: tcp:[::1]:11211",
        ],
            run.StdoutLines);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_LongOptionNames_AreAccepted()
    {
        var run = await AppRun.RunAsync("--unbuffered-output", "--duration", "--verbose", "--tracebacks", "--dry-run", Checks, "udp:*");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["SKIPPED: udp:127.0.0.1:8125"], run.StdoutLines);
    }

    [Fact]
    public async Task RunAsync_EmptyConfiguration_RunsNothingSaysSoAndExits0()
    {
        var path = TestFiles.PathOf("cli", "empty.yaml");

        var run = await AppRun.RunAsync("-j", "4", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal([$"conn-check: {path} has no checks: nothing to run"], run.StderrLines);
    }
}
