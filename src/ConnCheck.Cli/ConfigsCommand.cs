using ConnCheck.Generation;
using ConnCheck.Running;

namespace ConnCheck.Cli;

/// <summary>
/// <c>conn-check configs django|dotnet ...</c> (also <c>conn-check-configs</c>): a conn-check file from an
/// application's settings (SPEC A9, issue 6). The work is the generation library's, which users
/// extend in programs of their own; this is its command with both generators.
/// </summary>
internal static class ConfigsCommand
{
    /// <summary>Its line in <c>conn-check --help</c>.</summary>
    public const string Summary = "Generates a conn-check configuration file from an application's settings (django, dotnet).";

    // The library's exit statuses are ExitCode's values (0, or 3 for UNKNOWN): it stands alone, so it cannot name the type.
    public static async Task<ExitCode> RunAsync(string name, string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        // SIGTERM and SIGINT end the Python that reads Django settings too, rather than leave a settings module
        // that hangs running after us; the file of -f is then not written.
        var interruption = new Interruption();
        using var signals = environment.HandlesSignals ? TerminationSignals.Listen(interruption) : null;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interruption.Token);
        try
        {
            return (ExitCode)await ConfigsProgram.RunAsync(
                name, args, [new DjangoGenerator(), new DotNetGenerator()], stdout, stderr, environment.Variables, $"conn-check {ConnCheckApp.Version}", cancellation.Token);
        }
        catch (OperationCanceledException) when (interruption.Reason is { } reason)
        {
            await stderr.WriteLineAsync($"{name}: {reason}");
            return ExitCode.Unknown;
        }
    }
}
