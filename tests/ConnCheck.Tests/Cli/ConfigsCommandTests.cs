using ConnCheck.Cli;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Generation;

namespace ConnCheck.Tests.Cli;

/// <summary><c>conn-check configs</c> through the whole program in memory, as a subcommand and as <c>conn-check-configs</c>.</summary>
public sealed class ConfigsCommandTests : IDisposable
{
    private const string HwaasChecks = """
        - type: postgres
          database: hwaas_production
          host: gibson.hwaas.internal
          port: 5432
          username: hwaas
          password: 123456asdf

        - type: memcached
          host: freeside.hwaas.internal
          port: 11211

        - type: udp
          host: bigend.hwaas.internal
          port: 10021
          send: conncheck.test:1|c
          expect: ''

        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string[] Hwaas => ["-m", "hwaas.settings", "--pythonpath", Generate.ExamplesDirectory, "--python", TestPython.Path];

    [Fact]
    public async Task Configs_DjangoSubcommand_PrintsTheChecks()
    {
        var run = await RunAsync(["configs", "django", .. Hwaas]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(HwaasChecks, run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task Configs_InvokedAsConnCheckConfigs_SameCommand()
    {
        var run = await RunAsync(["django", .. Hwaas], programName: "/usr/bin/conn-check-configs");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(HwaasChecks, run.Stdout);
    }

    [Fact]
    public async Task Configs_OutputFile_WrittenThereNotPrinted()
    {
        var path = Path.Combine(_directory.Path, "cc-config.yaml");

        var run = await RunAsync(["configs", "django", .. Hwaas, "-f", path, "-p"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(HwaasChecks, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Configs_StatsdOptions_SendAndExpectThose()
    {
        var run = await RunAsync(["configs", "django", .. Hwaas, "--statsd_send", "Hakuna", "--statsd_expect", "Matata"]);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("  send: Hakuna\n  expect: Matata\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configs_SettingsModuleFailsToImport_PythonsMessageAndExit3()
    {
        var run = await RunAsync(["configs", "django", "-m", "broken_settings", "--pythonpath", Generate.TestDataDirectory, "--python", TestPython.Path]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(["conn-check configs django: error: ModuleNotFoundError: No module named 'nosuchmodule_for_conncheck'"], run.StderrLines);
    }

    [Fact]
    public async Task Configs_ImportFailsWithTracebacks_PythonsTracebackToo()
    {
        var run = await RunAsync(["configs", "django", "-t", "-m", "broken_settings", "--pythonpath", Generate.TestDataDirectory, "--python", TestPython.Path]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("Traceback (most recent call last):", run.StderrLines[1]);
        Assert.Equal("ModuleNotFoundError: No module named 'nosuchmodule_for_conncheck'", run.StderrLines[^1]);
    }

    [Fact]
    public async Task Configs_DjangoWithoutModule_UsageErrorExit3()
    {
        var run = await RunAsync(["configs", "django", "--python", TestPython.Path], variables: new Dictionary<string, string>());

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("usage: conn-check configs django [-m SETTINGS_MODULE]", run.StderrLines[0], StringComparison.Ordinal);
        Assert.Equal("conn-check configs django: error: the following arguments are required: -m/--settings-module (or set DJANGO_SETTINGS_MODULE)", run.StderrLines[1]);
    }

    [Fact]
    public async Task Configs_DjangoSettingsModuleFromTheEnvironment_Read()
    {
        var variables = new Dictionary<string, string> { ["DJANGO_SETTINGS_MODULE"] = "hwaas.settings" };

        var run = await RunAsync(["configs", "django", "--pythonpath", Generate.ExamplesDirectory, "--python", TestPython.Path], variables: variables);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(HwaasChecks, run.Stdout);
    }

    [Theory]
    [InlineData(new string[0], "conn-check configs: error: name the settings to read: django or dotnet")]
    [InlineData(new[] { "rails" }, "conn-check configs: error: Unrecognized command or argument 'rails'.")]
    [InlineData(new[] { "django", "--nope" }, "conn-check configs django: error: Unrecognized command or argument '--nope'.")]
    public async Task Configs_BadArguments_UsageErrorExit3(string[] args, string error)
    {
        var run = await RunAsync(["configs", .. args]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(error, run.StderrLines[^1]);
    }

    [Theory]
    [InlineData(null, new[] { "configs", "--version" })]
    [InlineData(null, new[] { "configs", "django", "--version" })]
    [InlineData(null, new[] { "configs", "dotnet", "--appsettings", "no-such.json", "--version" })]
    [InlineData("conn-check-configs", new[] { "--version" })]
    public async Task Configs_Version_PrintsTheVersionAsTheOtherCommandsDo(string? programName, string[] args)
    {
        var run = await RunAsync(args, programName);

        Assert.Equal((0, $"conn-check {ConnCheckApp.Version}\n", ""), (run.ExitCode, run.Stdout.ReplaceLineEndings("\n"), run.Stderr));
    }

    [Fact]
    public async Task Configs_Help_ListsBothGenerators()
    {
        var run = await RunAsync(["configs", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("django", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("dotnet", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configs_DotNet_ChecksWithNotesOnStderr()
    {
        var appSettings = Path.Combine(_directory.Path, _directory.Write("appsettings.json", """
            { "ConnectionStrings": { "Default": "Host=db;Database=app;User ID=u;Password=p", "Cache": "cache.internal:6380" } }
            """));

        var run = await RunAsync(["configs", "dotnet", "--appsettings", appSettings], variables: new Dictionary<string, string>());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("- type: redis\n  host: cache.internal\n  port: 6380\n", run.Stdout);
        Assert.Equal(["conn-check configs dotnet: ConnectionStrings:Default: PostgreSQL or MySQL? Name the key after it (Postgres, MySql), or give the Port; no check"], run.StderrLines);
    }

    [Fact]
    public async Task Configs_DotNetMissingFile_Exit3()
    {
        var missing = Path.Combine(_directory.Path, "appsettings.json");

        var run = await RunAsync(["configs", "dotnet", "--appsettings", missing]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([$"conn-check configs dotnet: error: cannot read {missing}: no such file"], run.StderrLines);
    }

    [Fact]
    public async Task Configs_OutputFileNotWritable_Exit3()
    {
        var path = Path.Combine(_directory.Path, "no-such-directory", "out.yaml");

        var run = await RunAsync(["configs", "django", .. Hwaas, "-f", path]);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"conn-check configs django: error: cannot write {path}: ", run.StderrLines[^1], StringComparison.Ordinal);
    }

    private static async Task<AppRun> RunAsync(string[] args, string? programName = null, IReadOnlyDictionary<string, string>? variables = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var environment = AppEnvironment.System with { ProgramName = programName, Variables = variables };
        var code = await ConnCheckApp.RunAsync(args, stdout, stderr, environment, bound.Token);
        return new AppRun(code, stdout.ToString(), stderr.ToString());
    }
}
