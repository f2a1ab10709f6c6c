using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using ConnCheck.Secrets;

namespace ConnCheck.Cli;

/// <summary>The whole program, runnable in memory: arguments and writers in, exit status out.</summary>
internal static class ConnCheckApp
{
    private const string ProgramPrefix = "conn-check-";

    /// <summary>
    /// The commands besides checking, by name: <c>conn-check NAME ...</c>, or the program invoked as
    /// <c>conn-check-NAME</c>. Each gets the name to show in its messages and the arguments after the name.
    /// </summary>
    private static readonly Dictionary<string, Func<string, string[], TextWriter, TextWriter, AppEnvironment, CancellationToken, Task<ExitCode>>> Commands = new(StringComparer.Ordinal)
    {
        ["export-fw"] = ExportFwCommand.RunAsync,
        ["convert-fw"] = ConvertFwCommand.RunAsync,
        ["configs"] = ConfigsCommand.RunAsync,
    };

    public static string Version { get; } =
        (typeof(ConnCheckApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, stdout, stderr, AppEnvironment.System, cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken) =>
        (int)await RunCommandAsync(args, stdout, stderr, environment, cancellationToken);

    private static async Task<ExitCode> RunCommandAsync(string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        using var masked = new MaskingWriter(stderr);
        return await RunCommandAsync(args, stdout, masked, environment, cancellationToken);
    }

    private static async Task<ExitCode> RunCommandAsync(string[] args, TextWriter stdout, MaskingWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            if (CommandOf(environment.ProgramName) is { } invoked && Commands.TryGetValue(invoked, out var command))
            {
                return await command(ProgramPrefix + invoked, args, stdout, stderr, environment, cancellationToken);
            }

            if (args.Length > 0 && Commands.TryGetValue(args[0], out command))
            {
                return await command($"conn-check {args[0]}", args[1..], stdout, stderr, environment, cancellationToken);
            }

            return await CheckCommand.RunAsync(args, stdout, stderr, environment, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug of ours: still one line and Nagios UNKNOWN, the details only when asked for.
            await stderr.WriteLineAsync($"conn-check: error: {e.Message}");
            if (args.Contains("-t") || args.Contains("--tracebacks"))
            {
                await stderr.WriteLineAsync(e.ToString());
            }

            return ExitCode.Unknown;
        }
    }

    /// <summary>
    /// Parses a command's arguments. Run as <c>conn-check NAME</c>, the command is nested under a root
    /// so that its help says <c>conn-check NAME</c> rather than the executable's name alone.
    /// </summary>
    internal static ParseResult Parse(RootCommand command, string displayName, string[] args)
    {
        if (displayName.Split(' ') is not [_, var subcommandName])
        {
            return command.Parse(args);
        }

        var subcommand = new Command(subcommandName, command.Description);
        foreach (var argument in command.Arguments)
        {
            subcommand.Arguments.Add(argument);
        }

        foreach (var option in command.Options.Where(o => o is not HelpOption and not VersionOption))
        {
            subcommand.Options.Add(option);
        }

        var root = new RootCommand { subcommand };
        foreach (var builtIn in root.Options.OfType<VersionOption>().ToList())
        {
            root.Options.Remove(builtIn);
        }

        return root.Parse([subcommandName, .. args]);
    }

    /// <summary><c>/usr/bin/conn-check-export-fw</c> → <c>export-fw</c>; null for any other name.</summary>
    private static string? CommandOf(string? programName)
    {
        var name = Path.GetFileName(programName ?? "");
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        return name.StartsWith(ProgramPrefix, StringComparison.Ordinal) ? name[ProgramPrefix.Length..] : null;
    }
}
