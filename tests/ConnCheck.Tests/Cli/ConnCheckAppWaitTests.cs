using ConnCheck.Cli;
using ConnCheck.Tests.Configuration;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Cli;

/// <summary>--wait in memory: its usage errors, and its progress line, shown only where standard error is a terminal.</summary>
public sealed class ConnCheckAppWaitTests : IDisposable
{
    private const string UsageLine = "usage: conn-check [options] CONFIG_FILE [PATTERN ...]";

    private static readonly string Checks = TestFiles.PathOf("cli", "checks.yaml");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("--wait 5 --dry-run", "argument --wait: not allowed with argument --dry-run")]
    [InlineData("--dry-run --wait 5", "argument --wait: not allowed with argument --dry-run")]
    [InlineData("--wait 5 --validate", "argument --wait: not allowed with argument --validate")]
    [InlineData("--retry-interval 2", "argument --retry-interval: only allowed with argument --wait")]
    public async Task RunAsync_WaitWithWhatRunsNothing_IsAUsageError(string options, string problem)
    {
        var run = await AppRun.RunAsync([.. options.Split(' '), Checks]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([UsageLine, $"conn-check: error: {problem}"], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_WaitOnATerminal_ShowsOneProgressLineThenClearsItAndPrintsTheFinalResultOnce()
    {
        using var closed = new ClosedPort();
        var config = Config(closed.Port);

        var (exit, stdout, stderr) = await RunAsync(terminal: true, "--wait", "1.5", "--retry-interval", "0.5", config);

        Assert.Equal(2, exit);
        var line = Assert.Single(stdout.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"tcp:127.0.0.1:{closed.Port} FAILED", line, StringComparison.Ordinal);
        Assert.StartsWith($"\r\u001b[Kconn-check: waiting: 1 of 1 check failing (tcp:127.0.0.1:{closed.Port})", stderr, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', stderr);
    }

    [Fact]
    public async Task RunAsync_WaitOnAPipe_PrintsNothingOnStandardError()
    {
        using var closed = new ClosedPort();

        var (exit, stdout, stderr) = await RunAsync(terminal: false, "--wait", "1", "--retry-interval", "0.3", Config(closed.Port));

        Assert.Equal(2, exit);
        Assert.StartsWith($"tcp:127.0.0.1:{closed.Port} FAILED", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task RunAsync_WaitAndAllPass_Exits0AtOnceWithoutProgress()
    {
        await using var peer = TcpPeer.Start();

        var (exit, stdout, stderr) = await RunAsync(terminal: true, "--wait", "30", Config(peer.Port));

        Assert.Equal((0, $"tcp:127.0.0.1:{peer.Port} OK\n", ""), (exit, stdout, stderr));
    }

    private string Config(int port) => Path.Combine(_directory.Path, _directory.Write("checks.yaml", $"""
        - type: tcp
          host: 127.0.0.1
          port: {port}
        """));

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(bool terminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exit = await ConnCheckApp.RunAsync(args, stdout, stderr, AppEnvironment.System with { StderrIsTerminal = terminal }, bound.Token);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
