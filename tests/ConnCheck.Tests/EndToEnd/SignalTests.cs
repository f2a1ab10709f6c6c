using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Xml.Linq;
using ConnCheck.Tests.Output;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// SIGTERM and SIGINT during a run (SPEC C6): gone within a second, the results known so far printed,
/// the unfinished checks FAILED <c>interrupted by SIGNAL</c>, format files whole, exit 2. Run alone:
/// these assert wall time.
/// </summary>
[Collection(nameof(WallClockCollection))]
[SupportedOSPlatform("linux")]
public sealed class SignalTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly TcpPeer _listening = TcpPeer.Start();
    private readonly Tarpit _tarpit = Tarpit.Start();
    private readonly SilentPeer _silent = SilentPeer.Start();
    private readonly TempDirectory _directory = new();

    // With -j 2: the first check ends at once and hands its slot to the redis check, whose connect then
    // hangs on the silent peer, as the second check's connect does on the tarpit; the memcache check
    // never gets a slot.
    private string Config => $"""
        - type: tcp
          host: 127.0.0.1
          port: {_listening.Port}
        - type: tcp
          host: 127.0.0.1
          port: {_tarpit.Port}
          timeout: 30
        - type: redis
          host: 127.0.0.1
          port: {_silent.Port}
          timeout: 30
        - type: memcache
          host: 127.0.0.1
          port: {_silent.Port}
          timeout: 30
        """;

    private string Ok => $"tcp:127.0.0.1:{_listening.Port} OK";

    private string RedisTcpOk => $"redis:127.0.0.1:{_silent.Port}:tcp:127.0.0.1:{_silent.Port} OK";

    public Task InitializeAsync()
    {
        _directory.Write("checks.yaml", Config);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _directory.Dispose();
        _tarpit.Dispose();
        await _silent.DisposeAsync();
        await _listening.DisposeAsync();
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task Signal_DuringARun_PrintsWhatIsKnownInBufferedOrderFailsTheRestWritesTheFilesAndExits2(PosixSignal signal)
    {
        using var process = RunningProcess.Start(_directory.Path, ["-j", "2", "-v", "--format", "text", "--format", "json:results.json", "--format", "junit:results.xml", "checks.yaml"]);
        await process.WaitForLineAsync(l => l.StartsWith($"Starting redis:127.0.0.1:{_silent.Port}:connect", StringComparison.Ordinal), "the redis check is connecting", TimeSpan.FromSeconds(20));

        var (result, afterSignal) = await SignalAsync(process, signal);

        Assert.True(afterSignal < Bound, $"gone {afterSignal.TotalMilliseconds:0} ms after {signal}:\n{result}");
        Assert.Equal(
            [
                $"memcache:127.0.0.1:{_silent.Port}:tcp:127.0.0.1:{_silent.Port} FAILED - (127.0.0.1:{_silent.Port}) interrupted by {signal}",
                $"redis:127.0.0.1:{_silent.Port}:connect FAILED - interrupted by {signal}",
                $"tcp:127.0.0.1:{_tarpit.Port} FAILED - (127.0.0.1:{_tarpit.Port}) interrupted by {signal}",
                RedisTcpOk,
                Ok,
                $"SKIPPED: memcache:127.0.0.1:{_silent.Port}:connect",
            ],
            result.StdoutLines.Where(l => !l.StartsWith("Starting ", StringComparison.Ordinal)));
        Assert.Equal("", result.Stderr);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["checks.yaml", "results.json", "results.xml"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var json = await File.ReadAllTextAsync(Path.Combine(_directory.Path, "results.json"));
        ResultsSchema.AssertValid(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(2, document.RootElement.GetProperty("exit_code").GetInt32());
        var interrupted = document.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() == "failed")
            .Select(r => (r.GetProperty("stage").GetString(), r.GetProperty("message").GetString()))
            .ToList();
        Assert.Equal(3, interrupted.Count);
        Assert.All(interrupted, r => Assert.Equal(("interrupted", $"interrupted by {signal}"), r));

        await XmlLint.AssertValidFileAsync(Path.Combine(_directory.Path, "results.xml"));
        var suite = XDocument.Load(Path.Combine(_directory.Path, "results.xml")).Root!.Element("testsuite")!;
        Assert.Equal(("6", "3", "1"), ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("skipped")));
        Assert.All(suite.Descendants("failure"), f => Assert.Equal("interrupted", (string?)f.Attribute("type")));
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task Signal_Unbuffered_KeepsThePrintedLinesAndPrintsTheInterruptedOnesAfter(PosixSignal signal)
    {
        using var process = RunningProcess.Start(_directory.Path, ["-j", "2", "-U", "checks.yaml"]);
        await process.WaitForLineAsync(l => l == RedisTcpOk, "the redis check has connected", TimeSpan.FromSeconds(20));

        var (result, afterSignal) = await SignalAsync(process, signal);

        Assert.True(afterSignal < Bound, $"gone {afterSignal.TotalMilliseconds:0} ms after {signal}:\n{result}");
        Assert.Equal(
            [
                Ok,
                RedisTcpOk,
                $"tcp:127.0.0.1:{_tarpit.Port} FAILED - (127.0.0.1:{_tarpit.Port}) interrupted by {signal}",
                $"redis:127.0.0.1:{_silent.Port}:connect FAILED - interrupted by {signal}",
                $"memcache:127.0.0.1:{_silent.Port}:tcp:127.0.0.1:{_silent.Port} FAILED - (127.0.0.1:{_silent.Port}) interrupted by {signal}",
                $"SKIPPED: memcache:127.0.0.1:{_silent.Port}:connect",
            ],
            result.StdoutLines);
        Assert.Equal(("", 2), (result.Stderr, result.ExitCode));
    }

    [Fact]
    public async Task Signal_TwiceInARow_GoneAtOnceWithoutAStackTrace()
    {
        using var process = RunningProcess.Start(_directory.Path, ["-j", "2", "-U", "checks.yaml"]);
        await process.WaitForLineAsync(l => l == RedisTcpOk, "the redis check has connected", TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        process.Signal(PosixSignal.SIGTERM);
        process.Signal(PosixSignal.SIGTERM, mayBeGone: true);
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < Bound, $"gone {clock.Elapsed.TotalMilliseconds:0} ms after the first SIGTERM:\n{result}");
        Assert.False(result.Killed, result.ToString());
        Assert.Equal("", result.Stderr);
        Assert.Contains(result.ExitCode, (int[])[2, 128 + 15]);
    }

    [Fact]
    public async Task Signal_ConfigsReadingDjangoSettings_EndsThePythonItStartedToo()
    {
        // A settings module that hangs on import, as one that connects somewhere may: here, a "python" that sleeps.
        var pidFile = Path.Combine(_directory.Path, "python.pid");
        var python = Path.Combine(_directory.Path, "python");
        await File.WriteAllTextAsync(python, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 60\n");
        File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var process = RunningProcess.Start(_directory.Path, ["configs", "django", "-m", "hwaas.settings", "--python", python]);
        await WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), "the fake python has started");
        var pythonPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var (result, afterSignal) = await SignalAsync(process, PosixSignal.SIGTERM);

        Assert.True(afterSignal < Bound, $"gone {afterSignal.TotalMilliseconds:0} ms after SIGTERM:\n{result}");
        Assert.Equal((3, "", "conn-check configs: interrupted by SIGTERM\n"), (result.ExitCode, result.Stdout, result.Stderr));
        await WaitUntilAsync(() => !IsRunning(pythonPid), "the fake python has ended");
    }

    private static async Task<(ProcessResult Result, TimeSpan AfterSignal)> SignalAsync(RunningProcess process, PosixSignal signal)
    {
        var clock = Stopwatch.StartNew();
        process.Signal(signal);
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var afterSignal = clock.Elapsed;
        Assert.False(result.Killed, result.ToString());
        return (result, afterSignal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"gave up waiting until {what}");
            await Task.Delay(10);
        }
    }

    // Gone, or a zombie that nobody has reaped yet (a container's init may not): either way it runs no more.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
