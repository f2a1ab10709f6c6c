using System.Text.RegularExpressions;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Output;

namespace ConnCheck.Tests.Examples;

/// <summary>
/// examples/prometheus: the alerting rules, their unit tests and the scrape configuration, checked by
/// Debian's promtool; and the unit tests shown to catch a rule that never fires or always does.
/// </summary>
public sealed partial class PrometheusExampleTests
{
    private const string Rules = "conn-check-alerts.yaml";
    private const string RuleTests = "conn-check-alerts.test.yaml";

    private static readonly string ExamplesDirectory = Path.Combine(ConnCheckBinary.RepoRoot, "examples", "prometheus");

    private static readonly string[] AlertNames =
    [
        "ConnCheckDependencyDown",
        "ConnCheckRunsStale",
        "ConnCheckRunErrors",
        "ConnCheckConfigReloadFailed",
        "ConnCheckCertificateExpiringSoon",
        "ConnCheckExporterDown",
    ];

    public static TheoryData<string> Alerts { get; } = new(AlertNames);

    [Fact]
    public async Task CheckRules_AlertsFile_EveryRuleValid()
    {
        var (exitCode, output) = await Promtool.RunAsync(ExamplesDirectory, null, "check", "rules", Rules);

        Assert.True(exitCode == 0, $"promtool check rules: exit {exitCode}\n{output}");
        Assert.Contains($"SUCCESS: {AlertNames.Length} rules found", output, StringComparison.Ordinal);
        Assert.Equal(AlertNames, AlertsIn(File.ReadAllText(Path.Combine(ExamplesDirectory, Rules))));
    }

    [Fact]
    public async Task TestRules_UnitTests_Pass()
    {
        var (exitCode, output) = await Promtool.RunAsync(ExamplesDirectory, null, "test", "rules", RuleTests);

        Assert.True(exitCode == 0, $"promtool test rules: exit {exitCode}\n{output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public async Task TestRules_AlertThatNeverFires_Fail(string alert)
    {
        var (exitCode, output) = await TestRulesWithExpressionAsync(alert, "vector(0) == 1");

        Assert.True(exitCode != 0, $"the unit tests pass with {alert} never firing:\n{output}");
        Assert.Contains($"alertname: {alert}", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public async Task TestRules_AlertThatAlwaysFires_Fail(string alert)
    {
        var (exitCode, output) = await TestRulesWithExpressionAsync(alert, "vector(1)");

        Assert.True(exitCode != 0, $"the unit tests pass with {alert} always firing:\n{output}");
        Assert.Contains($"alertname: {alert}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_ExamplePrometheusYml_ValidWithTheRules()
    {
        var (exitCode, output) = await Promtool.RunAsync(ExamplesDirectory, null, "check", "config", "prometheus.yml");

        Assert.True(exitCode == 0, $"promtool check config: exit {exitCode}\n{output}");
        Assert.Contains("SUCCESS: 1 rule files found", output, StringComparison.Ordinal);
        Assert.Contains($"SUCCESS: {AlertNames.Length} rules found", output, StringComparison.Ordinal);
        Assert.Contains("job_name: conn-check", File.ReadAllText(Path.Combine(ExamplesDirectory, "prometheus.yml")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public void Readme_Alert_IsDescribed(string alert)
    {
        Assert.Contains($"| `{alert}` |", File.ReadAllText(Path.Combine(ExamplesDirectory, "README.md")), StringComparison.Ordinal);
    }

    /// <summary>The unit tests run against a copy of the rules where <paramref name="alert"/>'s expression is <paramref name="expression"/>.</summary>
    private static async Task<(int ExitCode, string Output)> TestRulesWithExpressionAsync(string alert, string expression)
    {
        var lines = File.ReadAllLines(Path.Combine(ExamplesDirectory, Rules));
        var rule = Array.FindIndex(lines, l => l.Trim() == $"- alert: {alert}");
        Assert.True(rule >= 0, $"{Rules} has no alert {alert}");
        var expr = Array.FindIndex(lines, rule, l => l.TrimStart().StartsWith("expr: ", StringComparison.Ordinal));
        Assert.True(expr > rule, $"{Rules} has no expr for {alert}");
        lines[expr] = lines[expr][..lines[expr].IndexOf("expr: ", StringComparison.Ordinal)] + "expr: " + expression;

        using var directory = new TempDirectory();
        directory.Write(Rules, string.Join('\n', lines) + "\n");
        directory.Write(RuleTests, File.ReadAllText(Path.Combine(ExamplesDirectory, RuleTests)));
        return await Promtool.RunAsync(directory.Path, null, "test", "rules", RuleTests);
    }

    private static IEnumerable<string> AlertsIn(string rules) =>
        AlertLine().Matches(rules).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^\s*- alert: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
