namespace ConnCheck.Tests.EndToEnd;

/// <summary>What is secret (SPEC C2) never reaches any output of the process; what is not, is printed as written.</summary>
public sealed class SecretTests
{
    private const string Token = "T0ken/With-Slash";

    [Theory]
    [InlineData("-v", "-d", "-t")]
    [InlineData("--dry-run")]
    public async Task Run_HostFromEnvironment_IsPrintedLikeAnyValue(params string[] options)
    {
        using var closed = new ClosedPort();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $$"""
            - type: tcp
              host: ${CC_E2E_HOST}
              port: {{closed.Port}}
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, [.. options, "checks.yaml"], new Dictionary<string, string> { ["CC_E2E_HOST"] = "127.0.0.1" });

        Assert.Contains($"tcp:127.0.0.1:{closed.Port}", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("***", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- type: http\n  url: \"https://api:${CC_E2E_TOKEN}@127.0.0.1/\"\n", Token, "url must be an absolute http:// or https:// URL")]
    [InlineData("- type: http\n  url: \"https://127.0.0.1/\"\n  auth: \"admin:hunter2-Secret\"\n", "hunter2-Secret", "auth must be a list of two values, [user, password], found a single value")]
    [InlineData("- type: http\n  url: \"https://127.0.0.1/\"\n  headers: {Authorization: [Bearer, Xyz-Secret-Header]}\n", "Xyz-Secret-Header", "headers values must be single values, found a list of 2 items")]
    [InlineData("- type: http\n  url: \"https://127.0.0.1/\"\n  digest_auth: \"${CC_E2E_TOKEN}\"\n", Token, "digest_auth must be a list of two values")]
    [InlineData("- type: tcp\n  host: 127.0.0.1\n  port: 1\n- type: postgres\n  host: db\n  port: 5432\n  username: u\n  password: *Secr3t-Alias\n  database: d\n", "Secr3t-Alias", "read as an alias")]
    [InlineData("- type: http\n  url: \"https://127.0.0.1/\"\n  auth: [admin, \"pa${Secr3t/Brace}ss\"]\n", "Secr3t", "does not hold a valid environment variable name")]
    [InlineData("- type: http\n  url: \"https://127.0.0.1/\"\n  auth: [admin, \"${CC_E2E_TOKEN}\"]\n  method: \"G T\"\n", Token, "method must be an HTTP method")]
    public async Task Run_ConfigurationErrorNearASecret_NeverPrintsIt(string yaml, string secret, string problem)
    {
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", yaml);

        foreach (var options in new[] { new[] { "checks.yaml" }, ["-t", "checks.yaml"], ["--validate", "-t", "checks.yaml"] })
        {
            var result = await ConnCheckBinary.RunAsync(directory.Path, options, new Dictionary<string, string> { ["CC_E2E_TOKEN"] = Token });

            Assert.Equal(3, result.ExitCode);
            Assert.Contains(problem, result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("checks.yaml:", result.StderrLines[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_LongValueWithControlCharacters_IsEchoedShortAndEscaped()
    {
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"- type: tcp\n  host: 127.0.0.1\n  port: \"\\e]0;pwned\\a{new string('9', 500)}\"\n");

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("port must be an integer from 1 to 65535, not '\\u001B]0;pwned\\u0007999", line, StringComparison.Ordinal);
        Assert.EndsWith("...'", line, StringComparison.Ordinal);
        Assert.True(line.Length < 200, line);
        Assert.DoesNotContain('\u001b', result.Stderr);
    }
}
