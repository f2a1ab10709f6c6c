using ConnCheck.Cli;
using ConnCheck.Firewall;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Firewall;

namespace ConnCheck.Tests.Cli;

/// <summary>export-fw through the whole program in memory, as a subcommand and under its own name.</summary>
public sealed class ExportFwCommandTests : IDisposable
{
    private const string Config = """
        - {type: tcp, host: db.example, port: 5432, tags: [db]}
        - {type: tls, host: db.example, port: 6432, tags: [db]}
        - {type: udp, host: "::1", port: 8125, send: x, expect: y}
        - {type: http, url: "http://web.example:8080/", proxy_host: proxy.example, proxy_port: 3128}
        """;

    private const string Expected = """
        egress:
        - from_host: app1.example
          to_host: db.example
          protocol: tcp
          ports: [5432, 6432]
        - from_host: app1.example
          to_host: "::1"
          protocol: udp
          ports: [8125]
        - from_host: app1.example
          to_host: proxy.example
          protocol: tcp
          ports: [3128]

        """;

    private readonly TempDirectory _directory = new();

    private string ConfigPath => Path.Combine(_directory.Path, "checks.yaml");

    public ExportFwCommandTests() => _directory.Write("checks.yaml", Config);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunAsync_Subcommand_PrintsTheEgressYaml()
    {
        var run = await RunAsync(null, "export-fw", ConfigPath);

        Assert.Equal((0, Expected, ""), (run.Exit, run.Stdout, run.Stderr));
    }

    [Theory]
    [InlineData("conn-check-export-fw")]
    [InlineData("/usr/local/bin/conn-check-export-fw")]
    public async Task RunAsync_InvokedAsConnCheckExportFw_SameAsTheSubcommand(string programName)
    {
        var run = await RunAsync(programName, ConfigPath);

        Assert.Equal((0, Expected, ""), (run.Exit, run.Stdout, run.Stderr));
    }

    [Fact]
    public async Task RunAsync_OutputFile_WritesTheFileAndPrintsNothing()
    {
        var output = Path.Combine(_directory.Path, "fw.yaml");

        var run = await RunAsync(null, "export-fw", "-o", output, ConfigPath);

        Assert.Equal((0, "", ""), (run.Exit, run.Stdout, run.Stderr));
        Assert.Equal(Expected, await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task RunAsync_NearMissOption_WarnedOnStderrTheExportUnchanged()
    {
        var path = Path.Combine(_directory.Path, _directory.Write("typo.yaml", Config + "\n- {type: tcp, host: cache.example, port: 11211, tiemout: 2, colour: red}\n"));

        var run = await RunAsync(null, "export-fw", path);

        Assert.Equal(0, run.Exit);
        Assert.Contains("  to_host: cache.example\n  protocol: tcp\n  ports: [11211]\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal($"{path}:5:49: warning: unknown option 'tiemout' for tcp check (ignored); did you mean 'timeout'?\n", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_TagsAndPatterns_FilterAsForConnCheck()
    {
        var tagged = await RunAsync(null, "export-fw", "--include-tags", "db", ConfigPath);
        var patterned = await RunAsync(null, "export-fw", ConfigPath, "udp:*", "tls:*");

        Assert.Equal(["db.example tcp 5432,6432"], Flat(tagged.Stdout));
        Assert.Equal(["db.example tcp 6432", "::1 udp 8125"], Flat(patterned.Stdout));
    }

    [Fact]
    public async Task RunAsync_RunOptionsUnderThe1xName_AcceptedAndNothingRuns()
    {
        // conn-check-export-fw takes conn-check's arguments, as in 1.x (scripts pass both the same); those of a run change nothing.
        var run = await RunAsync(
            "conn-check-export-fw",
            "-v", "-d", "-U", "--validate", "--dry-run", "--connect-timeout", "0.5", "--max-timeout=1", "-j", "2", "--tls-certs-path", "/no/such/dir", ConfigPath);

        Assert.Equal((0, Expected, ""), (run.Exit, run.Stdout, run.Stderr));
    }

    [Theory]
    [InlineData("-v", "-v/--verbose")]
    [InlineData("--verbose", "-v/--verbose")]
    [InlineData("-d", "-d/--duration")]
    [InlineData("-U", "-U/--unbuffered-output")]
    [InlineData("--validate", "--validate")]
    [InlineData("--dry-run", "--dry-run")]
    [InlineData("--connect-timeout 0.5", "--connect-timeout")]
    [InlineData("--max-timeout 1", "--max-timeout")]
    [InlineData("--max-timeout=1", "--max-timeout")]
    [InlineData("-j 2", "-j/--max-concurrency")]
    [InlineData("--wait 5", "--wait")]
    [InlineData("--retry-interval 1", "--retry-interval")]
    [InlineData("--tls-certs-path /tmp", "--tls-certs-path")]
    public async Task RunAsync_RunOptionAsSubcommand_UsageErrorNamingIt(string option, string named)
    {
        var run = await RunAsync(null, ["export-fw", .. option.Split(' '), ConfigPath]);

        Assert.Equal((3, ""), (run.Exit, run.Stdout));
        Assert.Equal(
            $"usage: conn-check export-fw [options] CONFIG_FILE [PATTERN ...]\nconn-check export-fw: error: argument {named}: not allowed with export-fw, which runs nothing\n",
            run.Stderr);
    }

    [Theory]
    [InlineData("--format", "json")]
    [InlineData("--cert-warning-days", "3")]
    public async Task RunAsync_ResultOption_UsageError(string option, string value)
    {
        var run = await RunAsync(null, "export-fw", option, value, ConfigPath);

        Assert.Equal((3, ""), (run.Exit, run.Stdout));
        Assert.EndsWith($"conn-check export-fw: error: unrecognized argument: {option}\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OptionsThatApply_Accepted()
    {
        _directory.Write("bad.yaml", "- {type: tcp, host: db.example}\n");

        var tracebacks = await RunAsync(null, "export-fw", "-t", Path.Combine(_directory.Path, "bad.yaml"));
        var tagged = await RunAsync(null, "export-fw", "-t", "--exclude-tags", "web", "-o", Path.Combine(_directory.Path, "fw.yaml"), ConfigPath);

        Assert.Equal(3, tracebacks.Exit);
        Assert.Contains("ConfigurationException", tracebacks.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, ""), (tagged.Exit, tagged.Stderr));
    }

    [Theory]
    [InlineData]
    [InlineData("--include-tags", "db", "--exclude-tags", "web", "CONFIG")]
    [InlineData("--no-such-option", "CONFIG")]
    [InlineData("-j", "0", "CONFIG")]
    public async Task RunAsync_UsageError_Exit3WithUsageLine(params string[] args)
    {
        var run = await RunAsync(null, ["export-fw", .. args.Select(a => a == "CONFIG" ? ConfigPath : a)]);

        Assert.Equal(3, run.Exit);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("usage: conn-check export-fw [options] CONFIG_FILE [PATTERN ...]\nconn-check export-fw: error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UsageErrorUnderItsOwnName_UsageNamesThatProgram()
    {
        var run = await RunAsync("conn-check-export-fw");

        Assert.Equal(3, run.Exit);
        Assert.StartsWith("usage: conn-check-export-fw [options] CONFIG_FILE [PATTERN ...]\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ConfigurationError_Exit3WithPosition()
    {
        _directory.Write("bad.yaml", "- {type: tcp, host: db.example}\n");

        var run = await RunAsync(null, "export-fw", Path.Combine(_directory.Path, "bad.yaml"));

        Assert.Equal((3, ""), (run.Exit, run.Stdout));
        Assert.Equal($"{Path.Combine(_directory.Path, "bad.yaml")}:1:3: tcp check is missing required option 'port'\n", run.Stderr);
    }

    [Fact]
    public async Task RunAsync_OutputFileInAMissingDirectory_Exit3()
    {
        var run = await RunAsync(null, "export-fw", "-o", Path.Combine(_directory.Path, "no", "such", "fw.yaml"), ConfigPath);

        Assert.Equal(3, run.Exit);
        Assert.StartsWith("conn-check export-fw: error: cannot write ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Version_PrintsTheVersion()
    {
        var run = await RunAsync(null, "export-fw", "--version");

        Assert.Equal((0, $"conn-check {ConnCheckApp.Version}\n"), (run.Exit, run.Stdout));
    }

    [Fact]
    public async Task RunAsync_PlainConnCheck_StillChecksAndIgnoresTheFirewallCommands()
    {
        var run = await RunAsync(null, "--dry-run", ConfigPath);

        Assert.Equal(0, run.Exit);
        Assert.Contains("SKIPPED: tcp:db.example:5432", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("egress", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_UsageNamesTheSubcommand()
    {
        var run = await RunAsync(null, "export-fw", "--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains(" export-fw <CONFIG_FILE> [<PATTERN>...] [options]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--include-tags", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--output", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--tracebacks", run.Stdout, StringComparison.Ordinal);
        foreach (var runOnly in (string[])["--verbose", "--duration", "--unbuffered-output", "--validate", "--dry-run", "--connect-timeout", "--max-timeout", "--max-concurrency", "--tls-certs-path", "--format", "--wait", "--retry-interval"])
        {
            Assert.DoesNotContain(runOnly, run.Stdout, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Flat(string yaml) =>
        ExportFileReader.Read(yaml, "stdout").Select(r => $"{r.ToHost} {r.Protocol} {string.Join(",", r.Ports)}");

    private static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? programName, params string[] args) =>
        RunWithAsync(AppEnvironment.System with { ProgramName = programName, Resolver = ConvertFwFixtures.Resolver(), Fqdn = new ExportFwFixedFqdn("app1.example") }, args);

    internal static async Task<(int Exit, string Stdout, string Stderr)> RunWithAsync(AppEnvironment environment, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = await ConnCheckApp.RunAsync(args, stdout, stderr, environment, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
