using System.Text.RegularExpressions;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// One version, in VERSION: the binary says it, and every image of conn-check the examples and the
/// README name is tagged with it, as is every OCI archive of the image they name. (The .deb, the
/// nupkgs and the image in the archive are checked by scripts/test-packages.sh.)
/// </summary>
public sealed partial class VersionTests
{
    private static readonly string Version = File.ReadAllText(Path.Combine(ConnCheckBinary.RepoRoot, "VERSION")).Trim();

    [Fact]
    public void VersionFile_IsASemanticVersion()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", Version);
    }

    [Fact]
    public async Task Binary_Version_IsTheVersionFile()
    {
        var result = await ConnCheckBinary.RunAsync(ConnCheckBinary.RepoRoot, ["--version"]);

        Assert.Equal([$"conn-check {Version}"], result.StdoutLines);
    }

    [Fact]
    public void Examples_ConnCheckImages_AreTaggedWithTheVersionFile()
    {
        var files = Directory.GetFiles(Path.Combine(ConnCheckBinary.RepoRoot, "examples", "kubernetes")).Append(Path.Combine(ConnCheckBinary.RepoRoot, "README.md"));
        var tags = files.SelectMany(file => ImageTag().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetFileName(file), Tag: match.Groups[1].Value))).ToList();

        Assert.Contains(tags, t => t.File == "daemonset.yaml");
        Assert.All(tags, t => Assert.True(t.Tag == Version, $"{t.File} names conn-check:{t.Tag}, not {Version}"));
    }

    [Fact]
    public void Readme_ImageArchives_AreNamedWithTheVersionFile()
    {
        var versions = ImageArchive().Matches(File.ReadAllText(Path.Combine(ConnCheckBinary.RepoRoot, "README.md"))).Select(match => match.Groups[1].Value).ToList();

        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.True(v == Version, $"README.md names conn-check-{v}.oci.tar, not conn-check-{Version}.oci.tar"));
    }

    [GeneratedRegex(@"/conn-check:([0-9A-Za-z.-]+)")]
    private static partial Regex ImageTag();

    [GeneratedRegex(@"conn-check-([0-9][0-9A-Za-z.-]*?)\.oci\.tar")]
    private static partial Regex ImageArchive();
}
