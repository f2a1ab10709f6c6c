using ConnCheck.Tests.Cli;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Services.Amqp;

/// <summary>The amqp check through the whole command, as a user runs it: the lines printed, the password in none.</summary>
public sealed class AmqpCommandTests
{
    private readonly AmqpServer _server = new();

    [Fact]
    public async Task RunAsync_RightCredentialsPlainAndTls_AllOkExit0()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, directory.Write("amqp.yaml", _server.Check(useTls: false) + _server.Check(useTls: true)));

        var run = await AppRun.RunAsync(path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"amqp:127.0.0.1:{_server.Port} OK",
                $"amqp:127.0.0.1:{_server.TlsPort} OK",
                $"tcp:127.0.0.1:{_server.Port} OK",
                $"tcp:127.0.0.1:{_server.TlsPort} OK",
                $"tls:127.0.0.1:{_server.TlsPort} OK",
            ],
            run.StdoutLines.Order(StringComparer.Ordinal));
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_WrongPasswordWithTracebacks_FailureFirstAndNoPasswordAnywhere()
    {
        const string wrong = "wrong-amqp-password-7f3e";
        using var directory = new TempDirectory();
        var yaml = _server.Check(useTls: true, password: wrong) + _server.Check(useTls: false);
        var path = Path.Combine(directory.Path, directory.Write("amqp.yaml", yaml));

        var run = await AppRun.RunAsync("-v", "-d", "-t", path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            $"amqp:127.0.0.1:{_server.TlsPort} FAILED (",
            run.StdoutLines.First(line => !line.StartsWith("Starting ", StringComparison.Ordinal)),
            StringComparison.Ordinal);
        Assert.Contains($") - (user {_server.User}) authentication failed for user \"{_server.User}\"", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
