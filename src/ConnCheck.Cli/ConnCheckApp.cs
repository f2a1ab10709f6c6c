using System.Reflection;

namespace ConnCheck.Cli;

/// <summary>The whole program, runnable in memory: arguments and writers in, exit status out.</summary>
internal static class ConnCheckApp
{
    /// <summary>Nagios UNKNOWN: usage and configuration errors.</summary>
    public const int Unknown = 3;

    public static string Version { get; } =
        (typeof(ConnCheckApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckCommand.RunAsync(args, stdout, stderr, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of ours: still one line and Nagios UNKNOWN, the details only when asked for.
            await stderr.WriteLineAsync($"conn-check: error: {e.Message}");
            if (args.Contains("-t") || args.Contains("--tracebacks"))
            {
                await stderr.WriteLineAsync(e.ToString());
            }

            return Unknown;
        }
    }
}
