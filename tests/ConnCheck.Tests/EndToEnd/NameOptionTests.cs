using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>The <c>name</c> option in the published binary's text output: shown by -v, never part of a result's name (C4).</summary>
public sealed class NameOptionTests
{
    [Fact]
    public async Task Run_Verbose_StartLinesShowTheNameAndResultLinesStayAsIn1x()
    {
        await using var tcp = TcpPeer.Start();
        using var closed = new ClosedPort();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tcp.Port}
              name: web front
            - type: tcp
              host: 127.0.0.1
              port: {closed.Port}
              name: "database: primary"
            - type: http
              url: http://127.0.0.1:{closed.Port}/health
            """);

        var verbose = await ConnCheckBinary.RunAsync(directory.Path, ["-v", "checks.yaml"]);
        var plain = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Contains($"Starting tcp:127.0.0.1:{tcp.Port} (127.0.0.1:{tcp.Port}) [check: web front]...", verbose.StdoutLines);
        Assert.Contains($"Starting tcp:127.0.0.1:{closed.Port} (127.0.0.1:{closed.Port}) [check: database: primary]...", verbose.StdoutLines);
        Assert.Contains(verbose.StdoutLines, l => l.StartsWith($"Starting http:http://127.0.0.1:{closed.Port}/health:tcp:", StringComparison.Ordinal) && !l.Contains("[check:", StringComparison.Ordinal));

        // The result lines are those of a run without -v, and the names in them are 1.x's.
        Assert.Equal(plain.StdoutLines, verbose.StdoutLines.Where(l => !l.StartsWith("Starting ", StringComparison.Ordinal)));
        Assert.Equal(
            [
                $"http:http://127.0.0.1:{closed.Port}/health:tcp:127.0.0.1:{closed.Port} FAILED - (127.0.0.1:{closed.Port}) Connection refused",
                $"tcp:127.0.0.1:{closed.Port} FAILED - (127.0.0.1:{closed.Port}) Connection refused",
                $"tcp:127.0.0.1:{tcp.Port} OK",
                $"SKIPPED: http:http://127.0.0.1:{closed.Port}/health:",
            ],
            plain.StdoutLines);
        Assert.Equal(2, plain.ExitCode);
    }
}
