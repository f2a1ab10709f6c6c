using System.Diagnostics;
using System.Reflection;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// Runs the published Native AOT binary as a real process: the end-to-end tests check what users
/// and Nagios see (exit codes, exact lines, wall time), which the in-memory app cannot show.
/// </summary>
internal static class ConnCheckBinary
{
    /// <summary>Long enough for a loaded CI machine; a run this long is a hang, and the process is killed.</summary>
    public static readonly TimeSpan DefaultKillAfter = TimeSpan.FromSeconds(30);

    /// <summary>The repository root, recorded at build time by the test project.</summary>
    public static string RepoRoot { get; } = System.IO.Path.GetFullPath(
        typeof(ConnCheckBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!);

    /// <summary><c>$CONN_CHECK_BIN</c>, else <c>REPO/artifacts/conn-check</c>; fails the test when it is missing.</summary>
    public static string Path
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CONN_CHECK_BIN");
            var path = string.IsNullOrEmpty(configured)
                ? System.IO.Path.Combine(RepoRoot, "artifacts", "conn-check")
                : System.IO.Path.GetFullPath(configured);
            if (!File.Exists(path))
            {
                Assert.Fail($"conn-check binary not found at {path}: run `bash scripts/publish.sh` first (or set CONN_CHECK_BIN).");
            }

            return path;
        }
    }

    /// <summary>Runs conn-check with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? killAfter = null) =>
        RunProcessAsync(Path, arguments, workingDirectory, environment, killAfter);

    /// <summary>Runs any program; stdin is closed at once, and the process tree is killed after <paramref name="killAfter"/>.</summary>
    public static async Task<ProcessResult> RunProcessAsync(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? killAfter = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var killed = await ProcessExit.WaitAsync(process, killAfter ?? DefaultKillAfter);

        var elapsed = clock.Elapsed;
        return new ProcessResult(process.ExitCode, await stdout, await stderr, elapsed, killed);
    }
}
