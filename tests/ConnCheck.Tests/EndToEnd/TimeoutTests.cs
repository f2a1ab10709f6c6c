using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// The process never hangs, whatever the network does. Run alone: these assert wall time, which
/// other tests' load on a 2-core machine would skew.
/// </summary>
[Collection(nameof(WallClockCollection))]
public sealed class TimeoutTests
{
    [Fact]
    public async Task MaxTimeout_HangingConnectAndHandshake_ExitsWithin1Point5SecondsReportingThem()
    {
        using var tarpit = Tarpit.Start();
        await using var silent = SilentPeer.Start();
        await using var tcp = TcpPeer.Start();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tarpit.Port}
              timeout: 30
            - type: tls
              host: 127.0.0.1
              port: {silent.Port}
              timeout: 30
            - type: tcp
              host: 127.0.0.1
              port: {tcp.Port}
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["--max-timeout", "1", "checks.yaml"]);

        Assert.True(result.Elapsed < TimeSpan.FromSeconds(1.5), $"took {result.Elapsed.TotalMilliseconds:0} ms:\n{result}");
        Assert.Equal(
            [
                $"tcp:127.0.0.1:{tarpit.Port} FAILED - (127.0.0.1:{tarpit.Port}) Maximum timeout reached (1 s)",
                $"tls:127.0.0.1:{silent.Port} FAILED - (127.0.0.1:{silent.Port}) Maximum timeout reached (1 s)",
                $"tcp:127.0.0.1:{tcp.Port} OK",
            ],
            result.StdoutLines);
        Assert.Equal("", result.Stderr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task CheckTimeout_HangingConnect_FailsAsTimedOut()
    {
        using var tarpit = Tarpit.Start();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tarpit.Port}
              timeout: 0.5
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Equal([$"tcp:127.0.0.1:{tarpit.Port} FAILED - (127.0.0.1:{tarpit.Port}) timed out after 0.5 s"], result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(3), $"took {result.Elapsed.TotalMilliseconds:0} ms:\n{result}");
    }
}
