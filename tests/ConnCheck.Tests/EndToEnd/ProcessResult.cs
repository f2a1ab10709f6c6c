namespace ConnCheck.Tests.EndToEnd;

/// <summary>What a finished process printed, how it exited and how long it took.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool Killed)
{
    /// <summary>Stdout split into lines, without the final empty one.</summary>
    public string[] StdoutLines => Lines(Stdout);

    /// <summary>Stderr split into lines, without the final empty one.</summary>
    public string[] StderrLines => Lines(Stderr);

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() =>
        $"exit {ExitCode}{(Killed ? " (killed)" : "")} after {Elapsed.TotalMilliseconds:0} ms\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
