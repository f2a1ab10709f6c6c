using System.Runtime.Versioning;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// The published binary's <c>configs django</c> in a working directory someone else could write
/// (a checkout, <c>/tmp</c>): the <c>python3</c> found in PATH runs, one in the working directory never
/// does, and only the directories given go on Python's path.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DjangoInterpreterTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly TempDirectory _bin = new();

    public void Dispose()
    {
        _work.Dispose();
        _bin.Dispose();
    }

    [Fact]
    public async Task Configs_Python3InTheWorkingDirectory_ThePathOneRunsInstead()
    {
        FakePython(_work.Path, "cwd.example");
        FakePython(_bin.Path, "path.example");

        // Empty entries and '.' mean the working directory to a shell; they come first here.
        var run = await ConnCheckBinary.RunAsync(_work.Path, ["configs", "django", "-m", "app.settings"], WithPath(".", "", _bin.Path, "bin"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  host: path.example\n", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(System.IO.Path.Combine(_work.Path, "ran")), "the python3 of the working directory ran");
        Assert.Equal(["-I", "-B", "-c", "app.settings", _work.Path], Arguments(_bin.Path));
    }

    [Fact]
    public async Task Configs_Python3OnlyInTheWorkingDirectory_NotRunExit3()
    {
        FakePython(_work.Path, "cwd.example");

        var run = await ConnCheckBinary.RunAsync(_work.Path, ["configs", "django", "-m", "app.settings"], WithPath(".", _bin.Path));

        Assert.Equal((3, ""), (run.ExitCode, run.Stdout));
        Assert.Equal(
            ["conn-check configs django: error: cannot run python3: not found in PATH (the working directory is not searched; name the interpreter with --python)"],
            run.StderrLines);
        Assert.False(File.Exists(System.IO.Path.Combine(_work.Path, "ran")), "the python3 of the working directory ran");
    }

    [Fact]
    public async Task Configs_PythonGivenWithASlash_RunAsGiven()
    {
        FakePython(_work.Path, "cwd.example");

        var run = await ConnCheckBinary.RunAsync(_work.Path, ["configs", "django", "-m", "app.settings", "--python", "./python3", "--pythonpath", "lib"], WithPath(_bin.Path));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  host: cwd.example\n", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["-I", "-B", "-c", "app.settings", System.IO.Path.Combine(_work.Path, "lib")], Arguments(_work.Path));
    }

    [Fact]
    public async Task Configs_SettingsInTheWorkingDirectory_ReadUnlessOtherDirectoriesAreGiven()
    {
        _work.Write("cwd_settings.py", "STATSD_HOST = 'statsd.cwd.example'\n");
        using var lib = new TempDirectory();
        string[] args = ["configs", "django", "-m", "cwd_settings", "--python", TestPython.Path];

        var byDefault = await ConnCheckBinary.RunAsync(_work.Path, args);
        var withPythonPath = await ConnCheckBinary.RunAsync(_work.Path, [.. args, "--pythonpath", lib.Path]);
        var withBoth = await ConnCheckBinary.RunAsync(_work.Path, [.. args, "--pythonpath", lib.Path, "--pythonpath", "."]);

        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Contains("  host: statsd.cwd.example\n", byDefault.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, withPythonPath.ExitCode);
        Assert.Equal(["conn-check configs django: error: ModuleNotFoundError: No module named 'cwd_settings'"], withPythonPath.StderrLines);
        Assert.Equal(byDefault.Stdout, withBoth.Stdout);
    }

    private static Dictionary<string, string> WithPath(params string[] directories) => new() { ["PATH"] = string.Join(':', directories) };

    /// <summary>
    /// A <c>python3</c> in <paramref name="directory"/> that answers as the helper script does, with a
    /// statsd host that tells which one ran; it records its arguments (but the script) and that it ran.
    /// </summary>
    private static void FakePython(string directory, string statsdHost)
    {
        var path = System.IO.Path.Combine(directory, "python3");
        var answer = $"{{\"settings\": {{\"STATSD_HOST\": \"{statsdHost}\"}}}}";
        File.WriteAllText(path, $$"""
            #!/bin/sh
            touch '{{directory}}/ran'
            printf '%s\0' "$1" "$2" "$3" "$5" "$6" > '{{directory}}/arguments'
            echo '{{answer}}'

            """);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string[] Arguments(string directory) =>
        File.ReadAllText(System.IO.Path.Combine(directory, "arguments")).TrimEnd('\0').Split('\0');
}
