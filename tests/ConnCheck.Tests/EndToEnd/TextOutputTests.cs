using System.Text.RegularExpressions;
using ConnCheck.Cli;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>The text output, ordering, exit codes and selection options of the published binary.</summary>
public sealed class TextOutputTests
{
    [Fact]
    public async Task Run_OneCheckRefused_PrintsFailureFirstThenSuccessesAndExits2()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync(OutputScenario.Config);

        Assert.Equal([scenario.Refused, scenario.TcpOk, scenario.UdpOk], result.StdoutLines);
        Assert.Equal("", result.Stderr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Run_FailureSortsAfterSuccessesByName_StillPrintsItFirst()
    {
        await using var tcp = TcpPeer.Start();
        await using var udp = UdpPeer.Start(_ => "nope"u8.ToArray());
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tcp.Port}
            - type: udp
              host: 127.0.0.1
              port: {udp.Port}
              send: ping
              expect: pong
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Equal(
            [
                $"udp:127.0.0.1:{udp.Port} FAILED - (127.0.0.1:{udp.Port}) Unexpected reply: \"nope\" (expected \"pong\")",
                $"tcp:127.0.0.1:{tcp.Port} OK",
            ],
            result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Run_ExcludeTagsDropsTheFailingCheck_PrintsOnlySuccessesAndExits0()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync("--exclude-tags", "db,other", OutputScenario.Config);

        Assert.Equal([scenario.TcpOk, scenario.UdpOk], result.StdoutLines);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Run_IncludeTags_RunsOnlyTaggedChecks()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync("--include-tags", "db", OutputScenario.Config);

        Assert.Equal([scenario.Refused], result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(0, scenario.TcpAccepted);
    }

    [Fact]
    public async Task Run_IncludeAndExcludeTagsTogether_IsAUsageErrorExiting3()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync("--include-tags", "db", "--exclude-tags", "web", OutputScenario.Config);

        Assert.Equal("", result.Stdout);
        Assert.StartsWith("usage: conn-check ", result.Stderr);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task DryRun_EveryCheck_PrintsSortedSkipsRunsNothingAndExits0()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync("--dry-run", OutputScenario.Config);

        string[] expected = [$"SKIPPED: {scenario.TcpName}", $"SKIPPED: {scenario.UdpName}", $"SKIPPED: {scenario.RefusedName}"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), result.StdoutLines);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, scenario.TcpAccepted);
    }

    [Fact]
    public async Task Unbuffered_SlowFailure_PrintsResultsInArrivalOrder()
    {
        await using var tcp = TcpPeer.Start();
        await using var silent = SilentPeer.Start();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"""
            - type: tls
              host: 127.0.0.1
              port: {silent.Port}
              timeout: 0.5
            - type: tcp
              host: 127.0.0.1
              port: {tcp.Port}
            """);
        var ok = $"tcp:127.0.0.1:{tcp.Port} OK";
        var timedOut = $"tls:127.0.0.1:{silent.Port} FAILED - (127.0.0.1:{silent.Port}) timed out after 0.5 s";

        var unbuffered = await ConnCheckBinary.RunAsync(directory.Path, ["-U", "checks.yaml"]);
        var buffered = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Equal([ok, timedOut], unbuffered.StdoutLines);
        Assert.Equal(2, unbuffered.ExitCode);
        Assert.Equal([timedOut, ok], buffered.StdoutLines);
    }

    [Fact]
    public async Task Unbuffered_ThreeChecks_PrintsEveryLine()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync("-U", OutputScenario.Config);

        Assert.Equal(new[] { scenario.Refused, scenario.TcpOk, scenario.UdpOk }.Order(StringComparer.Ordinal), result.StdoutLines.Order(StringComparer.Ordinal));
        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("-d")]
    [InlineData("--duration")]
    public async Task Duration_Buffered_AddsMillisecondsToEveryResult(string flag)
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync(flag, OutputScenario.Config);

        Assert.Equal(3, result.StdoutLines.Length);
        Assert.Matches(RefusedWithDuration(scenario), result.StdoutLines[0]);
        Assert.Matches(OkWithDuration(scenario.TcpName), result.StdoutLines[1]);
        Assert.Matches(OkWithDuration(scenario.UdpName), result.StdoutLines[2]);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Duration_WithUnbuffered_PrintsEveryLineWithItsDuration()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync("-U", "-d", OutputScenario.Config);

        Assert.Equal(3, result.StdoutLines.Length);
        Assert.All(
            [RefusedWithDuration(scenario), OkWithDuration(scenario.TcpName), OkWithDuration(scenario.UdpName)],
            pattern => Assert.Single(result.StdoutLines, line => Regex.IsMatch(line, pattern)));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Verbose_Buffered_PrintsStartingLinesBeforeTheOrderedResults()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync("-v", OutputScenario.Config);

        var lines = result.StdoutLines;
        Assert.Equal(6, lines.Length);
        string[] starting =
        [
            $"Starting {scenario.TcpName} ({scenario.TcpName["tcp:".Length..]})...",
            $"Starting {scenario.UdpName} ({scenario.UdpName["udp:".Length..]})...",
            $"Starting {scenario.RefusedName} ({scenario.RefusedName["tcp:".Length..]})...",
        ];
        Assert.Equal(starting.Order(StringComparer.Ordinal), lines[..3].Order(StringComparer.Ordinal));
        Assert.Equal([scenario.Refused, scenario.TcpOk, scenario.UdpOk], lines[3..]);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Patterns_OneGlob_RunsOnlyMatchingResults()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync(OutputScenario.Config, "udp:*");

        Assert.Equal([scenario.UdpOk], result.StdoutLines);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, scenario.TcpAccepted);
    }

    [Fact]
    public async Task Patterns_SeveralGlobs_RunTheUnion()
    {
        await using var scenario = new OutputScenario();

        var result = await scenario.RunAsync(OutputScenario.Config, "udp:*", scenario.RefusedName);

        Assert.Equal([scenario.Refused, scenario.UdpOk], result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(0, scenario.TcpAccepted);
    }

    [Fact]
    public async Task Version_PrintsNameAndVersionAndExits0()
    {
        using var directory = new TempDirectory();

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["--version"]);

        Assert.Equal([$"conn-check {ConnCheckApp.Version}"], result.StdoutLines);
        Assert.Matches(@"^conn-check \d+\.\d+\.\d+", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task MaxConcurrencyOne_SeveralChecks_RunsThemAll()
    {
        await using var tcp = TcpPeer.Start();
        using var directory = new TempDirectory();
        var check = $"- {{type: tcp, host: 127.0.0.1, port: {tcp.Port}}}\n";
        directory.Write("checks.yaml", string.Concat(Enumerable.Repeat(check, 5)));

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["-j", "1", "checks.yaml"]);

        Assert.Equal(Enumerable.Repeat($"tcp:127.0.0.1:{tcp.Port} OK", 5), result.StdoutLines);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    private static string OkWithDuration(string name) => $@"^{Regex.Escape(name)} OK \(\d+\.\d ms\)$";

    private static string RefusedWithDuration(OutputScenario scenario) =>
        $@"^{Regex.Escape(scenario.RefusedName)} FAILED \(\d+\.\d ms\) - \(127\.0\.0\.1:\d+\) Connection refused$";
}
