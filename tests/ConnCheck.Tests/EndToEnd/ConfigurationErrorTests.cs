namespace ConnCheck.Tests.EndToEnd;

/// <summary>Configuration and usage errors: one positioned line each on stderr, exit 3, nothing on stdout.</summary>
public sealed class ConfigurationErrorTests
{
    private const string InvalidYaml = """
        - type: tcp
          host: [127.0.0.1
          port: 80
        """;

    private const string UnknownType = """
        - type: gopher
          host: 127.0.0.1
          port: 70
        """;

    private const string MissingPort = """
        - type: tcp
          host: 127.0.0.1
        """;

    [Fact]
    public async Task Run_InvalidYaml_PrintsOnePositionedLineAndExits3()
    {
        var result = await RunAsync(InvalidYaml);

        var line = Assert.Single(result.StderrLines);
        Assert.Matches(@"^bad\.yaml:\d+:\d+: invalid YAML: \S", line);
        AssertConfigurationError(result);
    }

    [Fact]
    public async Task Run_UnknownType_NamesTheTypeAtItsPosition()
    {
        var result = await RunAsync(UnknownType);

        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("bad.yaml:1:9: unknown check type 'gopher' (known types: ", line);
        AssertConfigurationError(result);
    }

    [Fact]
    public async Task Run_MissingOption_NamesTheOptionAndTheCheck()
    {
        var result = await RunAsync(MissingPort);

        Assert.Equal(["bad.yaml:1:3: tcp check is missing required option 'port'"], result.StderrLines);
        AssertConfigurationError(result);
    }

    [Fact]
    public async Task Run_SeveralProblems_PrintsOneLinePerProblem()
    {
        var result = await RunAsync(UnknownType + "\n" + MissingPort);

        Assert.Equal(2, result.StderrLines.Length);
        Assert.StartsWith("bad.yaml:1:9: unknown check type 'gopher'", result.StderrLines[0]);
        Assert.Equal("bad.yaml:4:3: tcp check is missing required option 'port'", result.StderrLines[1]);
        AssertConfigurationError(result);
    }

    [Theory]
    [InlineData(InvalidYaml)]
    [InlineData(UnknownType)]
    [InlineData(MissingPort)]
    public async Task Run_ConfigurationErrorWithTracebacks_ShowsTheStackTrace(string config)
    {
        var result = await RunAsync(config, "-t");

        Assert.StartsWith("bad.yaml:", result.Stderr);
        Assert.Contains(result.StderrLines, line => line.StartsWith("   at ", StringComparison.Ordinal));
        Assert.Equal("", result.Stdout);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Validate_UnknownOption_PrintsAWarningAndExits0()
    {
        var result = await RunAsync("""
            - type: tcp
              host: 127.0.0.1
              port: 80
              verify: true
            """, "--validate");

        Assert.Equal(["bad.yaml:4:3: warning: unknown option 'verify' for tcp check (ignored)"], result.StderrLines);
        Assert.Equal("", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Validate_InvalidFile_Exits3()
    {
        var result = await RunAsync(MissingPort, "--validate");

        Assert.Equal(["bad.yaml:1:3: tcp check is missing required option 'port'"], result.StderrLines);
        AssertConfigurationError(result);
    }

    [Fact]
    public async Task Run_MissingFile_IsAConfigurationError()
    {
        using var directory = new TempDirectory();

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["absent.yaml"]);

        Assert.Equal(["absent.yaml:1:1: cannot read configuration file: no such file"], result.StderrLines);
        AssertConfigurationError(result);
    }

    [Fact]
    public async Task Run_NoConfigurationFile_IsAUsageErrorExiting3()
    {
        using var directory = new TempDirectory();

        var result = await ConnCheckBinary.RunAsync(directory.Path, []);

        Assert.StartsWith("usage: conn-check ", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(3, result.ExitCode);
    }

    private static async Task<ProcessResult> RunAsync(string config, params string[] options)
    {
        using var directory = new TempDirectory();
        directory.Write("bad.yaml", config);
        return await ConnCheckBinary.RunAsync(directory.Path, [.. options, "bad.yaml"]);
    }

    private static void AssertConfigurationError(ProcessResult result)
    {
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain(result.StderrLines, line => line.StartsWith("   at ", StringComparison.Ordinal));
        Assert.Equal(3, result.ExitCode);
    }
}
