using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Examples;

/// <summary>The README's sample of each result format is what the published binary prints today.</summary>
public sealed class ReadmeSamplesTests
{
    [Fact]
    public async Task FormatSamples_Check_ReadmeMatchesWhatConnCheckPrints()
    {
        var environment = new Dictionary<string, string> { ["CONN_CHECK_BIN"] = ConnCheckBinary.Path };

        var result = await ConnCheckBinary.RunProcessAsync("bash", ["scripts/format-samples.sh", "--check"], ConnCheckBinary.RepoRoot, environment, TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
