using ConnCheck.TestPeers;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Output;

namespace ConnCheck.Tests.Examples;

/// <summary>
/// The node_exporter textfile-collector example under examples/textfile-collector, which the README
/// shows: the systemd unit and the cron line run the same command, and that command, pointed at a
/// temporary directory, writes a file promtool accepts and nothing else.
/// </summary>
public sealed class TextfileCollectorExampleTests
{
    private const string Binary = "/usr/bin/conn-check";
    private const string Output = "/var/lib/prometheus/node-exporter/conn-check.prom";
    private const string Config = "/etc/conn-check/checks.yaml";

    private static readonly string ExamplesDirectory = Path.Combine(ConnCheckBinary.RepoRoot, "examples", "textfile-collector");

    [Fact]
    public void ServiceAndCron_RunTheSameCommand()
    {
        var cron = Lines("conn-check.cron").Single(l => !l.StartsWith('#'));

        Assert.Equal("* * * * * prometheus " + ExecStart(), cron);
    }

    [Fact]
    public void Service_WarningsAndFailuresAreResultsNotAFailedUnit()
    {
        var service = Lines("conn-check.service");

        Assert.Contains("Type=oneshot", service);
        Assert.Contains("User=prometheus", service);
        Assert.Contains("SuccessExitStatus=1 2", service);
    }

    [Fact]
    public void Timer_StartsTheServiceEveryMinute()
    {
        var timer = Lines("conn-check.timer");

        Assert.Contains("OnUnitActiveSec=1min", timer);
        Assert.Contains("WantedBy=timers.target", timer);
    }

    [Fact]
    public async Task ExecStart_RunAgainstALoopbackPeer_WritesOnlyAFileThatPromtoolAccepts()
    {
        await using var peer = TcpPeer.Start();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"- {{type: tcp, host: 127.0.0.1, port: {peer.Port}, name: database}}\n");
        var output = Path.Combine(directory.Path, "conn-check.prom");
        var words = ExecStart().Split(' ');
        Assert.Equal(Binary, words[0]);
        var arguments = words[1..].Select(w => w.Replace(Output, output, StringComparison.Ordinal).Replace(Config, Path.Combine(directory.Path, "checks.yaml"), StringComparison.Ordinal)).ToList();

        var result = await ConnCheckBinary.RunAsync(directory.Path, arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal(["checks.yaml", "conn-check.prom"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var metrics = File.ReadAllText(output);
        Assert.Contains($"conn_check_up{{name=\"tcp:127.0.0.1:{peer.Port}\"", metrics, StringComparison.Ordinal);
        await Promtool.AssertAcceptsAsync(metrics);
    }

    private static string ExecStart() =>
        Lines("conn-check.service").Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..];

    private static string[] Lines(string name) => File.ReadAllLines(Path.Combine(ExamplesDirectory, name));
}
