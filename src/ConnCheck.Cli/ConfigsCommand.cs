using ConnCheck.Generation;

namespace ConnCheck.Cli;

/// <summary>
/// <c>conn-check configs django|dotnet ...</c> (also <c>conn-check-configs</c>): a conn-check file from an
/// application's settings (SPEC A9, issue 6). The work is the generation library's, which users
/// extend in programs of their own; this is its command with both generators.
/// </summary>
internal static class ConfigsCommand
{
    // The library's exit statuses are ExitCode's values (0, or 3 for UNKNOWN): it stands alone, so it cannot name the type.
    public static async Task<ExitCode> RunAsync(string name, string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken) =>
        (ExitCode)await ConfigsProgram.RunAsync(name, args, [new DjangoGenerator(), new DotNetGenerator()], stdout, stderr, environment.Variables, cancellationToken);
}
