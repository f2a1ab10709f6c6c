using System.Diagnostics;

namespace ConnCheck.Tests.Output;

/// <summary>Debian's <c>promtool</c>, the Prometheus project's own validator: of expositions, rules and configurations.</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    /// <summary>Its exit code (0: valid and no lint problems) and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition) =>
        RunAsync(Environment.CurrentDirectory, exposition, "check", "metrics");

    /// <summary>Fails the test unless promtool accepts <paramref name="exposition"/> without a complaint.</summary>
    public static async Task AssertAcceptsAsync(string exposition)
    {
        var (exitCode, output) = await CheckMetricsAsync(exposition);
        Assert.True(exitCode == 0 && output.Length == 0, $"promtool check metrics: exit {exitCode}\n{output}\n--- input ---\n{exposition}");
    }

    /// <summary>
    /// Runs promtool with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, <paramref name="input"/>
    /// (or nothing) on standard input; its exit code and everything it printed, standard output first.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string? input, params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            Assert.Fail($"promtool is not installed ({Path}): bash scripts/install-test-tools.sh");
        }

        var start = new ProcessStartInfo(Path)
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start promtool");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"promtool {string.Join(' ', arguments)} did not end within 30 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
