using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Packaging;

/// <summary>The man pages the Debian package installs: one per command, each rendered by groff without a warning.</summary>
public sealed class ManPageTests
{
    private static readonly string ManDirectory = Path.Combine(ConnCheckBinary.RepoRoot, "packaging", "man");

    [Fact]
    public void Pages_OnePerCommand()
    {
        Assert.Equal(
            ["conn-check-configs.1", "conn-check-convert-fw.1", "conn-check-export-fw.1", "conn-check.1"],
            Directory.GetFiles(ManDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("conn-check.1", "conn-check - check that the services")]
    [InlineData("conn-check-export-fw.1", "conn-check-export-fw - print the egress firewall rules")]
    [InlineData("conn-check-convert-fw.1", "conn-check-convert-fw - turn exported egress rules")]
    [InlineData("conn-check-configs.1", "conn-check-configs - write a conn-check configuration")]
    public async Task Page_RendersWithoutWarningsWithItsNameSynopsisAndExitStatus(string page, string name)
    {
        var run = await ConnCheckBinary.RunProcessAsync("groff", ["-ww", "-man", "-Tutf8", "-P", "-c", Path.Combine(ManDirectory, page)], ManDirectory, killAfter: TimeSpan.FromSeconds(30));
        var text = System.Text.RegularExpressions.Regex.Replace(run.Stdout, ".\b", "");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains(name, System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Replace("\u2010", "-", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("SYNOPSIS", text, StringComparison.Ordinal);
        Assert.Contains("EXIT STATUS", text, StringComparison.Ordinal);
    }
}
