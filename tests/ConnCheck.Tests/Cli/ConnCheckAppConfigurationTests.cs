using ConnCheck.Tests.Configuration;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Cli;

public sealed class ConnCheckAppConfigurationTests
{
    [Fact]
    public async Task RunAsync_InvalidConfiguration_PrintsOnePositionedLineAndExits3()
    {
        var path = TestFiles.PathOf("invalid-port-not-number.yaml");

        var run = await AppRun.RunAsync(path);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([$"{path}:4:9: port must be an integer from 1 to 65535, not 'abc'"], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_InvalidConfigurationWithTracebacks_AlsoPrintsTheStackTrace()
    {
        var path = TestFiles.PathOf("invalid-port-not-number.yaml");

        var run = await AppRun.RunAsync("-t", path);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"{path}:4:9: port must be an integer from 1 to 65535, not 'abc'", run.StderrLines[0]);
        Assert.Contains(run.StderrLines, l => l.TrimStart().StartsWith("at ConnCheck.Configuration.ConfigurationLoader", StringComparison.Ordinal));
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_SeveralProblems_PrintsOneLineEach()
    {
        var path = TestFiles.PathOf("several-problems.yaml");

        var run = await AppRun.RunAsync(path);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(7, run.StderrLines.Count);
        Assert.All(run.StderrLines, l => Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: ", l));
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingConfigurationFile_PrintsOnePositionedLineAndExits3()
    {
        var path = TestFiles.PathOf("cli", "no-such-file.yaml");

        var run = await AppRun.RunAsync("--dry-run", path);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([$"{path}:1:1: cannot read configuration file: no such file"], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_ValidateWithAnUnknownOption_WarnsOnStderrAndExits0()
    {
        var path = TestFiles.PathOf("cli", "unknown-option.yaml");

        var run = await AppRun.RunAsync("--validate", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"{path}:4:3: warning: unknown option 'verify' for tcp check (ignored)"], run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_ValidateAValidFile_PrintsNothingAndExits0()
    {
        var run = await AppRun.RunAsync("--validate", TestFiles.PathOf("cli", "checks.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_ValidateAnInvalidFile_Exits3()
    {
        var path = TestFiles.PathOf("invalid-unknown-type.yaml");

        var run = await AppRun.RunAsync("--validate", path);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"{path}:2:9: unknown check type 'gopher'", Assert.Single(run.StderrLines), StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_UnknownOptionWithoutValidate_IsNotReported()
    {
        var run = await AppRun.RunAsync("--dry-run", TestFiles.PathOf("cli", "unknown-option.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["SKIPPED: tcp:127.0.0.1:5432"], run.StdoutLines);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_NearMissOptionWithoutValidate_WarnedOnStderrStdoutUnchanged()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, directory.Write("typo.yaml", "- type: tcp\n  host: 127.0.0.1\n  port: 5432\n  timout: 2\n  verify: true\n"));

        var run = await AppRun.RunAsync("--dry-run", path);

        // verify is an old file's option, left to --validate; timout is a typo that drops the timeout.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["SKIPPED: tcp:127.0.0.1:5432"], run.StdoutLines);
        Assert.Equal([$"{path}:4:3: warning: unknown option 'timout' for tcp check (ignored); did you mean 'timeout'?"], run.StderrLines);
    }

    [Fact]
    public async Task RunAsync_NearMissOptionWithValidate_ListedOnceWithTheOthers()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, directory.Write("typo.yaml", "- type: tcp\n  host: 127.0.0.1\n  port: 5432\n  timout: 2\n  verify: true\n"));

        var run = await AppRun.RunAsync("--validate", path);

        Assert.Equal((0, ""), (run.ExitCode, run.Stdout));
        Assert.Equal(
            [
                $"{path}:4:3: warning: unknown option 'timout' for tcp check (ignored); did you mean 'timeout'?",
                $"{path}:5:3: warning: unknown option 'verify' for tcp check (ignored)",
            ],
            run.StderrLines);
    }

    [Fact]
    public async Task RunAsync_HostFromTheEnvironment_IsPrintedLikeAnyValue()
    {
        const string variable = "CONN_CHECK_TEST_CLI_SECRET_HOST_9D2C";
        Environment.SetEnvironmentVariable(variable, "127.0.0.1");
        try
        {
            var path = TestFiles.PathOf("cli", "secret-host.yaml");

            var dryRun = await AppRun.RunAsync("--dry-run", path);
            var validate = await AppRun.RunAsync("--validate", path);

            // SPEC C2: a ${VAR} in a host is not a secret.
            Assert.Equal(["SKIPPED: tcp:127.0.0.1:5432"], dryRun.StdoutLines);
            Assert.Equal([$"{path}:4:3: warning: unknown option 'colour' for tcp check (ignored)"], validate.StderrLines);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
