using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// --wait, the deploy gate (SPEC C5), as a deploy script sees it: a service that comes up while the
/// gate waits lets it pass soon after; one that never does fails it at the bound. Standard error is a
/// pipe here, so no progress line. Run alone: these assert wall time, with generous bounds.
/// </summary>
[Collection(nameof(WallClockCollection))]
[SupportedOSPlatform("linux")]
public sealed class WaitTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Wait_PortListensAfterTwoSeconds_Exits0SoonAfterWithTheFinalResultsOnly()
    {
        using var port = new ClosedPort();
        await using var steady = TcpPeer.Start();
        Write(port.Port, steady.Port);

        using var process = RunningProcess.Start(_directory.Path, ["--wait", "10", "--format", "text", "--format", "json:results.json", "checks.yaml"]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        port.Listen();
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(8), $"took {result.Elapsed.TotalMilliseconds:0} ms:\n{result}");
        Assert.Equal(new[] { $"tcp:127.0.0.1:{port.Port} OK", $"tcp:127.0.0.1:{steady.Port} OK" }.Order(StringComparer.Ordinal), result.StdoutLines);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, steady.Accepted);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory.Path, "results.json")));
        Assert.Equal(0, json.RootElement.GetProperty("exit_code").GetInt32());
        Assert.Equal(["ok", "ok"], json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Wait_PortNeverListens_Exits2AtTheBoundWithTheLastFailure()
    {
        using var port = new ClosedPort();
        Write(port.Port);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["--wait", "2", "checks.yaml"]);

        Assert.Equal(2, result.ExitCode);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        var line = Assert.Single(result.StdoutLines);
        Assert.StartsWith($"tcp:127.0.0.1:{port.Port} FAILED - ", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Wait_HangingCheckAtTheBound_GivesUpInMaxTimeoutsManner()
    {
        using var tarpit = Tarpit.Start();
        _directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tarpit.Port}
              timeout: 30
            """);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["--wait", "2", "checks.yaml"]);

        Assert.Equal(2, result.ExitCode);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        Assert.Equal([$"tcp:127.0.0.1:{tarpit.Port} FAILED - (127.0.0.1:{tarpit.Port}) gave up waiting after 2 s"], result.StdoutLines);
    }

    [Fact]
    public async Task Wait_MaxTimeoutSmaller_BoundsTheWholeProcess()
    {
        using var port = new ClosedPort();
        Write(port.Port);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["--wait", "30", "--max-timeout", "1.5", "checks.yaml"]);

        Assert.Equal(2, result.ExitCode);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5));
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task Signal_WhileWaiting_EndsWithin1SecondWithTheLastFailure(PosixSignal signal)
    {
        using var port = new ClosedPort();
        Write(port.Port);
        using var process = RunningProcess.Start(_directory.Path, ["-v", "--wait", "60", "checks.yaml"]);
        var starting = $"Starting tcp:127.0.0.1:{port.Port}";
        await WaitUntilAsync(() => process.Lines.Count(l => l.StartsWith(starting, StringComparison.Ordinal)) >= 2, "the check is rerun");

        var clock = Stopwatch.StartNew();
        process.Signal(signal);
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"gone {clock.Elapsed.TotalMilliseconds:0} ms after {signal}:\n{result}");
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdoutLines, l => !l.StartsWith("Starting ", StringComparison.Ordinal));
        Assert.StartsWith($"tcp:127.0.0.1:{port.Port} FAILED - ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signal_DuringARound_ReportsTheUnfinishedCheckInterrupted()
    {
        using var tarpit = Tarpit.Start();
        _directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tarpit.Port}
              timeout: 30
            """);
        using var process = RunningProcess.Start(_directory.Path, ["-v", "--wait", "60", "checks.yaml"]);
        await WaitUntilAsync(() => process.Lines.Count > 0, "the check started");

        var clock = Stopwatch.StartNew();
        process.Signal(PosixSignal.SIGTERM);
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"gone {clock.Elapsed.TotalMilliseconds:0} ms after SIGTERM:\n{result}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"tcp:127.0.0.1:{tarpit.Port} FAILED - (127.0.0.1:{tarpit.Port}) interrupted by SIGTERM", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task Wait_PostgresStartedWhileWaiting_Exits0OnceItAcceptsTheLogin()
    {
        await using var postgres = await ThrowawayPostgres.CreateAsync();
        _directory.Write("checks.yaml", $"""
            - type: postgres
              host: 127.0.0.1
              port: {postgres.Port}
              username: postgres
              password: {postgres.Password}
              database: postgres
            """);

        using var process = RunningProcess.Start(_directory.Path, ["--wait", "30", "checks.yaml"]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var serverUp = Stopwatch.StartNew();
        await postgres.StartAsync();
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(serverUp.Elapsed < TimeSpan.FromSeconds(10), $"passed {serverUp.Elapsed.TotalMilliseconds:0} ms after the server started:\n{result}");
        Assert.NotEmpty(result.StdoutLines);
        Assert.All(result.StdoutLines, l => Assert.EndsWith(" OK", l, StringComparison.Ordinal));
        Assert.DoesNotContain(postgres.Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private void Write(params int[] ports) => _directory.Write("checks.yaml", string.Concat(ports.Select(p => $"""
        - type: tcp
          host: 127.0.0.1
          port: {p}

        """)));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"gave up waiting until {what}");
            await Task.Delay(10);
        }
    }
}
