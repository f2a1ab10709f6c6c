namespace ConnCheck.Tests.EndToEnd;

/// <summary>Values taken from the environment never reach any output of the process.</summary>
public sealed class SecretTests
{
    // A long spelling of ::1: distinctive enough to grep for, and an address literal, so the
    // failing check needs no DNS lookup and stays on loopback.
    private const string Secret = "0:0:0:0:0:0:0:1";

    [Theory]
    [InlineData("-v", "-d", "-t")]
    [InlineData("-U", "-v")]
    [InlineData("--dry-run")]
    public async Task Run_HostFromEnvironment_NeverPrintsItsValue(params string[] options)
    {
        using var closed = new ClosedPort();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $$"""
            - type: tcp
              host: ${CC_E2E_SECRET}
              port: {{closed.Port}}
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, [.. options, "checks.yaml"], new Dictionary<string, string> { ["CC_E2E_SECRET"] = Secret });

        Assert.DoesNotContain(Secret, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("***", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FailingCheckOnHostFromEnvironment_MasksTheHostInTheFailureLine()
    {
        using var closed = new ClosedPort();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $$"""
            - type: tcp
              host: ${CC_E2E_SECRET}
              port: {{closed.Port}}
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"], new Dictionary<string, string> { ["CC_E2E_SECRET"] = Secret });

        var line = Assert.Single(result.StdoutLines);
        Assert.StartsWith($"tcp:[***]:{closed.Port} FAILED - ([***]:{closed.Port}) ", line);
        Assert.Equal(2, result.ExitCode);
    }
}
