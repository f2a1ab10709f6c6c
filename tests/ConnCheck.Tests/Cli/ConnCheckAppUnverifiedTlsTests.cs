using ConnCheck.Tests.Configuration;
using ConnCheck.Tests.Services.Amqp;
using TempDirectory = ConnCheck.Tests.EndToEnd.TempDirectory;

namespace ConnCheck.Tests.Cli;

/// <summary>
/// --validate and -v say which checks send a password over TLS without verifying the server (SPEC
/// C2), as configuration warnings on stderr; stdout stays as 1.x printed it.
/// </summary>
public sealed class ConnCheckAppUnverifiedTlsTests
{
    private const string Unverified = "check sends its password over TLS without verifying the server (set verify_tls: true to verify it)";

    private static readonly string Path = TestFiles.PathOf("cli", "unverified-tls.yaml");

    // The amqp check with TLS by default (at the check) and the smtp check with STARTTLS (at starttls);
    // not the amqp check that verifies, nor the one without TLS.
    private static readonly string[] Warnings =
    [
        $"{Path}:1:3: warning: amqp {Unverified}",
        $"{Path}:9:13: warning: smtp {Unverified}",
    ];

    [Fact]
    public async Task RunAsync_ValidateUnverifiedTls_WarnsForEachCheckThatSendsItsPasswordUnverified()
    {
        var run = await AppRun.RunAsync("--validate", Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Warnings, run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_VerboseUnverifiedTls_WarnsOnStderrAndStdoutIsUnchanged()
    {
        var quiet = await AppRun.RunAsync("--dry-run", Path);

        var verbose = await AppRun.RunAsync("-v", "--dry-run", Path);

        Assert.Equal(0, verbose.ExitCode);
        Assert.Equal(Warnings, verbose.StderrLines);
        Assert.Equal(quiet.Stdout, verbose.Stdout);
    }

    [Fact]
    public async Task RunAsync_UnverifiedTlsWithoutVerboseOrValidate_NothingOnStderr()
    {
        var run = await AppRun.RunAsync("--dry-run", Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_VerboseAgainstTheRealBroker_WarnsOnStderrAndStdoutHoldsOnlyTheRun()
    {
        var server = new AmqpServer();
        using var directory = new TempDirectory();
        var config = System.IO.Path.Combine(directory.Path, directory.Write("amqp.yaml", server.Check(useTls: true)));

        var run = await AppRun.RunAsync("-v", config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"{config}:6:12: warning: amqp {Unverified}"], run.StderrLines);
        Assert.Equal(3, run.StdoutLines.Count(line => line.StartsWith("Starting ", StringComparison.Ordinal)));
        Assert.Equal(3, run.StdoutLines.Count(line => line.EndsWith(" OK", StringComparison.Ordinal)));
        Assert.DoesNotContain("warning", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(server.Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
