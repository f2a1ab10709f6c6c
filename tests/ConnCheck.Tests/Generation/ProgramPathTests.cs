using System.Runtime.Versioning;
using ConnCheck.Generation;
using ConnCheck.Generation.Internal;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Generation;

/// <summary>How <c>configs django</c> finds its Python: in PATH as a shell would, never in the working directory.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProgramPathTests : IDisposable
{
    private readonly TempDirectory _first = new();
    private readonly TempDirectory _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public void Find_NameInAPathDirectory_TheFirstExecutableOne()
    {
        var notExecutable = Program(_first.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var executable = Program(_second.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(executable, ProgramPath.Find("python3", $"{_first.Path}:{_second.Path}"));
        Assert.NotEqual(notExecutable, executable);
    }

    [Fact]
    public void Find_EmptyDotAndRelativeEntries_Skipped()
    {
        Program(_first.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        // Each of these names the working directory, or a directory under it; the program is in one of them.
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), _first.Path);

        Assert.Null(ProgramPath.Find("python3", $":.:./:{relative}:"));
        Assert.Null(ProgramPath.Find("python3", ""));
        Assert.Null(ProgramPath.Find("python3", null));
    }

    [Theory]
    [InlineData("/usr/bin/python3")]
    [InlineData("/nonexistent/python3")]
    public void Find_AbsolutePath_AsGiven(string python) =>
        Assert.Equal(python, ProgramPath.Find(python, "/usr/bin"));

    [Fact]
    public void Find_RelativePathWithASlash_FromTheWorkingDirectory() =>
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "venv", "bin", "python"), ProgramPath.Find("venv/bin/python", "/usr/bin"));

    [Fact]
    public async Task ReadSettings_NoPythonInPath_SaysSoAndHowToNameOne()
    {
        var options = Generate.DjangoOptions("chatty_settings") with { Python = "python3-that-nobody-has" };

        var error = await Assert.ThrowsAsync<SettingsException>(() => Generate.ReadDjangoAsync(options));

        Assert.Equal(
            "cannot run python3-that-nobody-has: not found in PATH (the working directory is not searched; name the interpreter with --python)",
            error.Message);
    }

    private static string Program(string directory, UnixFileMode mode)
    {
        var path = Path.Combine(directory, "python3");
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
