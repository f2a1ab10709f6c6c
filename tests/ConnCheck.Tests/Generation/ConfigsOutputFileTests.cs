using System.Runtime.Versioning;
using ConnCheck.Cli;
using ConnCheck.Tests.Cli;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// <c>configs -f FILE</c> (SPEC C2): the file may hold passwords, so it is created mode 0600, whole or
/// not at all, and a symlink planted at FILE is replaced, never written through.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ConfigsOutputFileTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _directory = new();
    private readonly string _appSettings;

    public ConfigsOutputFileTests() =>
        _appSettings = Path.Combine(_directory.Path, _directory.Write("appsettings.json", """
            { "ConnectionStrings": { "Redis": "cache.internal:6380,password=hunter2-in-the-file" } }
            """));

    public void Dispose() => _directory.Dispose();

    private static string Expected => "- type: redis\n  host: cache.internal\n  port: 6380\n  password: hunter2-in-the-file\n";

    [Fact]
    public async Task Configs_OutputFile_CreatedMode0600()
    {
        var path = Path.Combine(_directory.Path, "conn-check.yaml");

        var run = await RunAsync(path);

        Assert.Equal((0, "", ""), (run.ExitCode, run.Stdout, run.Stderr));
        Assert.Equal(Expected, await File.ReadAllTextAsync(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(["appsettings.json", "conn-check.yaml"], Listing());
    }

    [Fact]
    public async Task Configs_OutputFileThereReadableByAll_ReplacedWithMode0600()
    {
        var path = Path.Combine(_directory.Path, "conn-check.yaml");
        await File.WriteAllTextAsync(path, "an older, longer file that everyone could read\n".PadRight(500, '#'));
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await RunAsync(path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Expected, await File.ReadAllTextAsync(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Configs_OutputFileIsASymlink_TheLinkReplacedItsTargetUntouched()
    {
        // Someone who can write the directory plants a link to a file of the user's, say ~/.bashrc.
        var target = Path.Combine(_directory.Path, _directory.Write("bashrc", "alias ll='ls -l'\n"));
        File.SetUnixFileMode(target, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var path = Path.Combine(_directory.Path, "conn-check.yaml");
        File.CreateSymbolicLink(path, target);

        var run = await RunAsync(path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("alias ll='ls -l'\n", await File.ReadAllTextAsync(target));
        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(target));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(Expected, await File.ReadAllTextAsync(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Configs_OutputFileIsASymlinkToADirectory_TheLinkReplaced()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory.Path, "elsewhere")).FullName;
        var path = Path.Combine(_directory.Path, "conn-check.yaml");
        File.CreateSymbolicLink(path, directory);

        var run = await RunAsync(path);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(Expected, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Configs_OutputFileInAMissingDirectory_OneLineExit3()
    {
        var path = Path.Combine(_directory.Path, "no-such-directory", "conn-check.yaml");

        var run = await RunAsync(path);

        Assert.Equal((3, ""), (run.ExitCode, run.Stdout));
        Assert.Equal([$"conn-check configs dotnet: error: cannot write {path}: no such directory"], run.StderrLines);
    }

    [Fact]
    public async Task Configs_OutputFileIsADirectory_OneLineExit3NothingLeftBehind()
    {
        var path = Directory.CreateDirectory(Path.Combine(_directory.Path, "conn-check.yaml")).FullName;

        var run = await RunAsync(path);

        Assert.Equal((3, ""), (run.ExitCode, run.Stdout));
        Assert.Equal([$"conn-check configs dotnet: error: cannot write {path}: it is a directory"], run.StderrLines);
        Assert.Equal(["appsettings.json", "conn-check.yaml"], Listing());
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    private IEnumerable<string> Listing() =>
        Directory.EnumerateFileSystemEntries(_directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    private async Task<AppRun> RunAsync(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var environment = AppEnvironment.System with { Variables = new Dictionary<string, string>() };
        var code = await ConnCheckApp.RunAsync(["configs", "dotnet", "--appsettings", _appSettings, "-f", path], stdout, stderr, environment, bound.Token);
        return new AppRun(code, stdout.ToString(), stderr.ToString());
    }
}
