using ConnCheck.Tests.Output;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// Standard output or error closed, or a reader of standard output that goes away: a message or a quiet
/// end, never an unhandled exception (which aborts with status 134 and a stack trace).
/// </summary>
public sealed class StandardStreamsTests : IDisposable
{
    private const string ClosedStdout = "conn-check: error: standard output is closed; redirect it to /dev/null to discard the output";

    private readonly TempDirectory _directory = new();
    private readonly ClosedPort _closed = new();

    public StandardStreamsTests() => _directory.Write("checks.yaml", $"""
        - type: tcp
          host: 127.0.0.1
          port: {_closed.Port}
        """);

    public void Dispose()
    {
        _closed.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("checks.yaml")]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData("export-fw", "checks.yaml")]
    public async Task StdoutClosed_OneLineOnStderrAndExit3(params string[] arguments)
    {
        var result = await ShellAsync("exec \"$0\" \"$@\" >&-", arguments);

        Assert.Equal((3, "", ClosedStdout + "\n"), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task StderrClosed_MessagesDoNotReachStdout()
    {
        var result = await ShellAsync("exec \"$0\" \"$@\" 2>&-", ["no-such.yaml"]);

        Assert.Equal((3, ""), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task StdoutReaderGone_RunEndsAsUsualQuietly()
    {
        // The reader has gone before conn-check writes a byte: every write to the pipe fails (EPIPE).
        var result = await ShellAsync(
            "exec 3>&1; { sleep 0.2; \"$0\" \"$@\"; echo \"status $?\" >&3; } | true",
            ["-U", "--format", "text", "--format", "json:results.json", "checks.yaml"]);

        Assert.Equal(("status 2\n", ""), (result.Stdout, result.Stderr));
        ResultsSchema.AssertValid(await File.ReadAllTextAsync(Path.Combine(_directory.Path, "results.json")));
    }

    private Task<ProcessResult> ShellAsync(string script, string[] arguments) =>
        ConnCheckBinary.RunProcessAsync("bash", ["-c", script, ConnCheckBinary.Path, .. arguments], _directory.Path);
}
