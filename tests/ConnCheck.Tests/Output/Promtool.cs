using System.Diagnostics;

namespace ConnCheck.Tests.Output;

/// <summary>Debian's <c>promtool check metrics</c>, the Prometheus project's own validator and linter, fed on standard input.</summary>
internal static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    /// <summary>Its exit code (0: valid and no lint problems) and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        if (!File.Exists(Path))
        {
            Assert.Fail($"promtool is not installed ({Path}): bash scripts/install-test-tools.sh");
        }

        var start = new ProcessStartInfo(Path)
        {
            ArgumentList = { "check", "metrics" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start promtool");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Fails the test unless promtool accepts <paramref name="exposition"/> without a complaint.</summary>
    public static async Task AssertAcceptsAsync(string exposition)
    {
        var (exitCode, output) = await CheckMetricsAsync(exposition);
        Assert.True(exitCode == 0 && output.Length == 0, $"promtool check metrics: exit {exitCode}\n{output}\n--- input ---\n{exposition}");
    }
}
