using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using ConnCheck.Secrets;

namespace ConnCheck.Cli;

/// <summary>The whole program, runnable in memory: arguments and writers in, exit status out.</summary>
internal static class ConnCheckApp
{
    private const string ProgramPrefix = "conn-check-";

    /// <summary>
    /// The commands besides checking, by name: <c>conn-check NAME ...</c>, or the program invoked as
    /// <c>conn-check-NAME</c>. Each gets the name to show in its messages and the arguments after the name;
    /// its summary is its line in <c>conn-check --help</c>.
    /// </summary>
    private static readonly Dictionary<string, (Func<string, string[], TextWriter, TextWriter, AppEnvironment, CancellationToken, Task<ExitCode>> Run, string Summary)> Commands = new(StringComparer.Ordinal)
    {
        ["export-fw"] = (ExportFwCommand.RunAsync, ExportFwCommand.Summary),
        ["convert-fw"] = (ConvertFwCommand.RunAsync, ConvertFwCommand.Summary),
        ["configs"] = (ConfigsCommand.RunAsync, ConfigsCommand.Summary),
        ["serve"] = (ServeCommand.RunAsync, ServeCommand.Summary),
    };

    public static string Version => BuildVersion.Value;

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
            var invoked = CommandOf(environment.ProgramName) is { } name && Commands.ContainsKey(name) ? name : null;
            if (args is ["help", .. var about])
            {
                args = await HelpArgumentsAsync(invoked, about, stderr);
            }

            if (invoked is not null)
            {
                return await Commands[invoked].Run(ProgramPrefix + invoked, args, stdout, stderr, environment, cancellationToken);
            }

            if (args.Length > 0 && Commands.TryGetValue(args[0], out var command))
            {
                return await command.Run($"conn-check {args[0]}", args[1..], stdout, stderr, environment, cancellationToken);
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

    /// <summary>The commands besides checking, as the help of <c>conn-check --help</c> lists them.</summary>
    internal static string CommandsHelp()
    {
        var width = Commands.Keys.Max(name => name.Length) + 2;
        var lines = Commands.Select(command => $"  {command.Key.PadRight(width)}{command.Value.Summary}");
        return $"Commands (conn-check help COMMAND, or conn-check COMMAND --help, for their options):\n{string.Join("\n", lines)}\n\n";
    }

    /// <summary>
    /// <c>conn-check help [COMMAND]</c> as the arguments that ask for that help. Help wins over a configuration
    /// file named <c>help</c>, which <c>./help</c> still names; one that is there gets a note.
    /// </summary>
    private static async Task<string[]> HelpArgumentsAsync(string? invoked, string[] about, TextWriter stderr)
    {
        if (File.Exists("help"))
        {
            await stderr.WriteLineAsync("conn-check: showing the help; to read the file named help, write ./help");
        }

        return invoked is null && about is [var name, ..] && Commands.ContainsKey(name) ? [name, "--help"] : ["--help"];
    }

    /// <summary>
    /// A command to parse as the root, named as the executable is. Not System.CommandLine's RootCommand:
    /// its help and version options read their descriptions through a ResourceManager as it is built,
    /// the first reflection over the binary's assemblies and about a tenth of what <c>--version</c> does
    /// in-process. <see cref="Parse"/> gives the command its help option.
    /// </summary>
    /// <param name="description">What the command does, the first paragraph of its help.</param>
    /// <param name="version">
    /// The command's <c>--version</c>, which answers whatever else the line holds, as 1.x's did. Once it is
    /// given nothing else is validated, so that the parser builds no error message (from those resources,
    /// for the CONFIG_FILE a <c>--version</c> goes without) that nobody reads.
    /// </param>
    internal static Command Root(string description, Option<bool> version)
    {
        var command = new Command(RootCommand.ExecutableName, description);
        command.Validators.Add(result =>
        {
            if (result.GetResult(version) is not null)
            {
                result.AddError("--version ends validation");
            }
        });
        return command;
    }

    /// <summary>
    /// Parses a command's arguments, with <c>-?, -h, --help</c> as its last option. Run as <c>conn-check NAME</c>,
    /// the command is nested under a root so that its help says <c>conn-check NAME</c> rather than the
    /// executable's name alone.
    /// </summary>
    internal static ParseResult Parse(Command command, string displayName, string[] args)
    {
        if (displayName.Split(' ') is not [_, var subcommandName])
        {
            command.Options.Add(Help());
            return command.Parse(args);
        }

        var subcommand = new Command(subcommandName, command.Description);
        foreach (var validator in command.Validators)
        {
            subcommand.Validators.Add(validator);
        }

        foreach (var argument in command.Arguments)
        {
            subcommand.Arguments.Add(argument);
        }

        foreach (var option in command.Options)
        {
            subcommand.Options.Add(option);
        }

        var root = new Command(RootCommand.ExecutableName) { subcommand };
        root.Options.Add(Help());
        return root.Parse([subcommandName, .. args]);
    }

    /// <summary>
    /// The parser's first error. Leading <c>[NAME]</c> arguments are directives to System.CommandLine, and
    /// only a RootCommand refuses those it does not know: under <see cref="Root"/> they would be dropped unseen.
    /// </summary>
    internal static string? ParseError(ParseResult parsed) =>
        parsed.Tokens.FirstOrDefault(t => t.Type == TokenType.Directive) is { } directive ? $"Unrecognized command or argument '{directive.Value}'."
        : parsed.Errors.Count > 0 ? parsed.Errors[0].Message
        : null;

    // System.CommandLine's help option in all but its type, which reads its description from resources (see Root).
    private static Option<bool> Help() => new("--help", "-h", "/h", "-?", "/?")
    {
        Description = "Show help and usage information",
        Arity = ArgumentArity.Zero,
        Recursive = true,
        Action = new HelpAction(),
    };

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
