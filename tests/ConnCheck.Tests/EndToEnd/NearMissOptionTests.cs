using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// An unknown option one typo away from a known one (<c>timout:</c>) is warned about on stderr in every
/// run, naming the option meant; stdout and the exit status stay what 1.x would give.
/// </summary>
public sealed class NearMissOptionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_NearMissOption_WarningOnStderrStdoutAndExitAsWithout()
    {
        await using var tcp = TcpPeer.Start();
        using var closed = new ClosedPort();
        _directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tcp.Port}
              timout: 5
              verify: true
            - type: tcp
              host: 127.0.0.1
              port: {closed.Port}
              Tags: [db]
            """);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["checks.yaml"]);

        Assert.Equal(
            [
                $"tcp:127.0.0.1:{closed.Port} FAILED - (127.0.0.1:{closed.Port}) Connection refused",
                $"tcp:127.0.0.1:{tcp.Port} OK",
            ],
            result.StdoutLines);
        Assert.Equal(
            [
                "checks.yaml:4:3: warning: unknown option 'timout' for tcp check (ignored); did you mean 'timeout'?",
                "checks.yaml:9:3: warning: unknown option 'Tags' for tcp check (ignored); did you mean 'tags'?",
            ],
            result.StderrLines);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task ExportFw_NearMissOption_SameWarningTheRulesUnchanged()
    {
        _directory.Write("checks.yaml", """
            - type: tcp
              host: db.example
              port: 5432
              pasword: x
            """);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["export-fw", "checks.yaml"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  to_host: db.example\n  protocol: tcp\n  ports: [5432]\n", result.Stdout, StringComparison.Ordinal);

        // tcp has no password option: pasword is just unknown there, and stays silent.
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task ExportFw_NearMissOfTheTypesOption_Warned()
    {
        _directory.Write("checks.yaml", """
            - type: redis
              host: cache.example
              port: 6379
              pasword: x
            """);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["export-fw", "checks.yaml"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  to_host: cache.example\n  protocol: tcp\n  ports: [6379]\n", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["checks.yaml:4:3: warning: unknown option 'pasword' for redis check (ignored); did you mean 'password'?"], result.StderrLines);
    }
}
