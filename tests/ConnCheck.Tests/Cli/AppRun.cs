using ConnCheck.Cli;

namespace ConnCheck.Tests.Cli;

/// <summary>What one in-memory run of the whole program printed and returned.</summary>
internal sealed record AppRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    public static async Task<AppRun> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var code = await ConnCheckApp.RunAsync(args, stdout, stderr, bound.Token);
        return new AppRun(code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
