using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Serve;

/// <summary>SIGTERM and SIGINT stop serve within a second, a run in flight included. Run alone: these assert wall time.</summary>
[Collection(nameof(WallClockCollection))]
[SupportedOSPlatform("linux")]
public sealed class ServeStopTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly Tarpit _tarpit = Tarpit.Start();
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        _directory.Dispose();
        _tarpit.Dispose();
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task Signal_DuringARun_StopsWithin1SecondAndExits0(PosixSignal signal)
    {
        _directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {_tarpit.Port}
              timeout: 30
            """);
        using var serve = await ServeProcess.StartAsync(_directory.Path, "checks.yaml");
        using (var health = await serve.Client.GetAsync("/healthz"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        serve.Signal(signal);
        var result = await serve.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var afterSignal = clock.Elapsed;

        Assert.False(result.Killed, result.ToString());
        Assert.True(afterSignal < Bound, $"gone {afterSignal.TotalMilliseconds:0} ms after {signal}:\n{result}");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.StderrLines, l => l.Contains("run 1:", StringComparison.Ordinal));
    }
}
