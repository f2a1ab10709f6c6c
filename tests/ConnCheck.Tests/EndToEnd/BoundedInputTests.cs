using System.Diagnostics;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// SPEC C6 with the published binary: hostile configuration files are one positioned line on stderr and
/// exit 3, soon, without a crash; pipes still work. Run alone: these assert generous "never hangs"
/// bounds on wall time, which other tests' load would skew (the figures are in docs/benchmarks.md).
/// </summary>
[Collection(nameof(WallClockCollection))]
public sealed class BoundedInputTests : IDisposable
{
    private const string TooLarge = "cannot read configuration file: it is larger than 64 MiB, the most conn-check reads";

    private static readonly TimeSpan NeverHangs = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Validate_DevZero_IsRefusedAtTheLimit()
    {
        var result = await ValidateAsync("/dev/zero");

        AssertOneError($"/dev/zero:1:1: {TooLarge}", result);
    }

    [Fact]
    public async Task Validate_FileLargerThanTheLimit_IsRefused()
    {
        // Written out, not sparse: the whole 65 MiB is on disk, and it is all the same to conn-check.
        var line = "- {type: tcp, host: db.example.com, port: 5432}\n"u8.ToArray();
        using (var file = File.Create(Path.Combine(_directory.Path, "huge.yaml")))
        {
            while (file.Length <= 65 * 1024 * 1024)
            {
                file.Write(line);
            }
        }

        var result = await ValidateAsync("huge.yaml");

        AssertOneError($"huge.yaml:1:1: {TooLarge}", result);
    }

    [Fact]
    public async Task Validate_200KilobytesOfOpeningBrackets_IsANestingErrorNotACrash()
    {
        _directory.Write("deep.yaml", new string('[', 200_000));

        var result = await ValidateAsync("deep.yaml");

        AssertOneError("deep.yaml:1:65: YAML nested deeper than 64 levels", result);
    }

    [Fact]
    public async Task Validate_DeeplyNestedFlowMappings_IsANestingError()
    {
        _directory.Write("deep.yaml", string.Concat(Enumerable.Repeat("{a: ", 100_000)) + string.Concat(Enumerable.Repeat("}", 100_000)));

        var result = await ValidateAsync("deep.yaml");

        AssertOneError("deep.yaml:1:257: YAML nested deeper than 64 levels", result);
    }

    [Fact]
    public async Task Validate_AliasBomb_IsAnError()
    {
        _directory.Write("bomb.yaml", "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat("abcdefgh".Zip("bcdefghi", (inner, outer) => $"- &{outer} [{string.Join(", ", Enumerable.Repeat($"*{inner}", 10))}]\n")));

        var result = await ValidateAsync("bomb.yaml");

        AssertOneError("bomb.yaml:6:35: aliases stand for more than 1000000 values in all", result);
    }

    [Fact]
    public async Task Validate_ComplexKeyOverNestedAliases_IsAnErrorAtTheKey()
    {
        _directory.Write("key.yaml", "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat("abcd".Zip("bcde", (inner, outer) => $"- &{outer} [{string.Join(", ", Enumerable.Repeat($"*{inner}", 9))}]\n"))
            + "- {? [*e, *e]: x, ? [*e, *e]: y}\n");

        var result = await ValidateAsync("key.yaml");

        AssertOneError("key.yaml:6:6: a list used as a key (keys must be single values)", result);
    }

    [Fact]
    public async Task Validate_Fifo_IsRead()
    {
        var fifo = Path.Combine(_directory.Path, "checks.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var writer = Task.Run(() => File.WriteAllText(fifo, "- {type: tcp, host: db.example.com, port: 5432, timout: 3}\n"));
        var result = await ValidateAsync("checks.yaml");
        await writer;

        Assert.Equal(["checks.yaml:1:49: warning: unknown option 'timout' for tcp check (ignored); did you mean 'timeout'?"], result.StderrLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Validate_ProcessSubstitution_IsRead()
    {
        var script = "exec \"$0\" --validate <(printf -- '- {type: tcp, host: db.example.com, port: 5432, timout: 3}\\n')";

        var result = await ConnCheckBinary.RunProcessAsync("bash", ["-c", script, ConnCheckBinary.Path], _directory.Path, killAfter: NeverHangs * 2);

        var line = Assert.Single(result.StderrLines);
        Assert.Matches(@"^/dev/fd/\d+:1:49: warning: unknown option 'timout' for tcp check \(ignored\); did you mean 'timeout'\?$", line);
        Assert.Equal(0, result.ExitCode);
    }

    private Task<ProcessResult> ValidateAsync(string config) =>
        ConnCheckBinary.RunAsync(_directory.Path, ["--validate", config], killAfter: NeverHangs * 2);

    private static void AssertOneError(string expected, ProcessResult result)
    {
        Assert.False(result.Killed, result.ToString());
        Assert.True(result.Elapsed < NeverHangs, $"took {result.Elapsed.TotalMilliseconds:0} ms:\n{result}");
        Assert.Equal([expected], result.StderrLines);
        Assert.Equal("", result.Stdout);
        Assert.Equal(3, result.ExitCode);
    }
}
