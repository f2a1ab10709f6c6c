using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// 10,000 checks under a 512 open-file limit: without -j the binary must pick a concurrency the
/// limit allows, instead of failing checks with "Too many open files".
/// </summary>
[Collection(nameof(WallClockCollection))]
public sealed class ManyChecksTests
{
    private const int Checks = 10_000;

    [Fact]
    public async Task Run_TenThousandChecksUnderUlimit512_AllOkWithoutRunningOutOfFiles()
    {
        // Our own listener: the 4096 backlog takes bursts of connects without dropped SYNs (which
        // would stall a connect for a second), and the accept loop only closes what it accepts.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4096);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var accepting = AcceptAndCloseAsync(listener, stop.Token);
        using var directory = new TempDirectory();
        var check = $"- {{type: tcp, host: 127.0.0.1, port: {port}}}\n";
        directory.Write("checks.yaml", string.Concat(Enumerable.Repeat(check, Checks)));

        var result = await ConnCheckBinary.RunProcessAsync(
            "/bin/sh", ["-c", "ulimit -n 512 && exec \"$0\" \"$@\"", ConnCheckBinary.Path, "checks.yaml"],
            directory.Path, killAfter: TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await accepting;

        Assert.False(result.Killed, result.ToString());
        Assert.DoesNotContain("Too many open files", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
        Assert.Equal(Checks, result.StdoutLines.Length);
        Assert.All(result.StdoutLines, line => Assert.Equal($"tcp:127.0.0.1:{port} OK", line));
        Assert.Equal(0, result.ExitCode);
    }

    private static async Task AcceptAndCloseAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var connection = await listener.AcceptAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                // A client that gave up before we accepted it; the next one may not have.
            }
        }
    }
}
