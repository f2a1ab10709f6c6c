using System.CommandLine;
using System.CommandLine.Help;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation;

/// <summary>
/// The command line of <c>conn-check configs</c>, for a program of your own: parse the arguments, read
/// the settings, generate, write the YAML (to <c>-f FILE</c>, created mode 0600, or standard output).
/// Exit status 0, or 3 (Nagios UNKNOWN) for a usage error, settings that cannot be read or a file that
/// cannot be written. What was left out, and the environment variables a <c>--secrets-as-env</c> file
/// needs, are told on standard error.
/// </summary>
/// <example>
/// <code>
/// var django = new DjangoGenerator();
/// django.ExtraCheckMakers.Add(MyChecks);
/// django.StatsdCheck.Send = "Hakuna";
/// return await ConfigsProgram.RunAsync(args, django);
/// </code>
/// </example>
public static class ConfigsProgram
{
    /// <summary>Nagios UNKNOWN: usage errors and settings that cannot be read.</summary>
    public const int Unknown = 3;

    // Recursive: `configs --version` and `configs django --version` alike, as the other commands take it anywhere.
    private static readonly Option<bool> ShowVersion = new("--version") { Description = "Print the version and exit.", Recursive = true };

    /// <summary>Runs <paramref name="generator"/> with <paramref name="args"/> as its options (<c>-m hwaas.settings -f out.yaml</c>).</summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="generator">The generator, with your check makers added.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit status.</returns>
    public static Task<int> RunAsync(string[] args, SettingsGenerator generator, CancellationToken cancellationToken = default) =>
        RunAsync(ProgramName(), args, [generator], Console.Out, Console.Error, null, null, cancellationToken);

    /// <summary>Runs the generator named by the first argument (<c>django -m hwaas.settings</c>, <c>dotnet --environment Staging</c>).</summary>
    /// <param name="args">The program's arguments, the generator's name first.</param>
    /// <param name="generators">The generators to choose from.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit status.</returns>
    public static Task<int> RunAsync(string[] args, IReadOnlyList<SettingsGenerator> generators, CancellationToken cancellationToken = default) =>
        RunAsync(ProgramName(), args, generators, Console.Out, Console.Error, null, null, cancellationToken);

    /// <summary>
    /// The whole run, in memory. <paramref name="program"/> names the program in messages; two words
    /// (<c>conn-check configs</c>) make the first the root command of the help, the second a subcommand.
    /// With one generator the arguments are its options; with several, the first argument names one.
    /// Given <paramref name="versionLine"/>, <c>--version</c> prints it (a program of your own has its own version).
    /// </summary>
    internal static async Task<int> RunAsync(
        string program,
        string[] args,
        IReadOnlyList<SettingsGenerator> generators,
        TextWriter stdout,
        TextWriter stderr,
        IReadOnlyDictionary<string, string>? environment,
        string? versionLine,
        CancellationToken cancellationToken)
    {
        var commandLines = generators.Select(g => new GeneratorCommandLine(g)).ToList();
        var (root, prefix) = Build(program, commandLines, versionLine is not null);
        var parsed = root.Parse([.. prefix, .. args]);
        if (versionLine is not null && parsed.GetValue(ShowVersion))
        {
            await stdout.WriteLineAsync(versionLine);
            return 0;
        }

        if (parsed.Action is HelpAction)
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
        }

        var chosen = commandLines.Count == 1
            ? commandLines[0]
            : commandLines.FirstOrDefault(c => parsed.CommandResult.Command.Name == c.Generator.Name);
        var name = commandLines.Count == 1 || chosen is null ? program : $"{program} {chosen.Generator.Name}";
        var problem = chosen is null
            ? parsed.Errors.Select(e => e.Message).FirstOrDefault(m => m.StartsWith("Unrecognized", StringComparison.Ordinal))
                ?? $"name the settings to read: {string.Join(" or ", generators.Select(g => g.Name))}"
            : parsed.Errors.Count > 0 ? parsed.Errors[0].Message : null;
        var options = chosen is not null && problem is null ? chosen.Read(parsed, environment, out problem) : null;
        if (options is null || chosen is null)
        {
            await stderr.WriteLineAsync(chosen?.Usage(name) ?? $"usage: {program} {{{string.Join(",", generators.Select(g => g.Name))}}} ...");
            await stderr.WriteLineAsync($"{name}: error: {problem}");
            return Unknown;
        }

        return await GenerateAsync(name, chosen.Generator, options, chosen.Tracebacks(parsed), stdout, stderr, cancellationToken);
    }

    private static async Task<int> GenerateAsync(
        string name,
        SettingsGenerator generator,
        GeneratorOptions options,
        bool tracebacks,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        SettingsView settings;
        try
        {
            settings = await generator.ReadSettingsAsync(options, cancellationToken);
        }
        catch (SettingsException e)
        {
            await stderr.WriteLineAsync($"{name}: error: {e.Message}");
            if (tracebacks && e.Details is { } details)
            {
                await stderr.WriteLineAsync(details.TrimEnd('\n'));
            }

            return Unknown;
        }

        var notes = new List<string>();
        IReadOnlyList<GeneratedCheck> checks;
        try
        {
            checks = generator.Generate(settings, options, notes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A check maker's bug, most likely one of the user's own: one line, the rest when asked for.
            await stderr.WriteLineAsync($"{name}: error: making the checks failed: {e.Message}");
            await stderr.WriteLineAsync(tracebacks ? e.ToString() : $"{name}: (-t shows where)");
            return Unknown;
        }

        var yaml = CheckYamlWriter.Write(checks, options.SecretsAsEnvironment);
        if (options.OutputFile is { } path)
        {
            try
            {
                WriteFile(path, yaml.Text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await stderr.WriteLineAsync($"{name}: error: cannot write {path}: {WriteProblem(e, path)}");
                return Unknown;
            }
        }
        else
        {
            await stdout.WriteAsync(yaml.Text);
        }

        foreach (var note in notes)
        {
            await stderr.WriteLineAsync($"{name}: {note}");
        }

        if (yaml.Variables.Count > 0)
        {
            await stderr.WriteLineAsync($"{name}: conn-check needs these environment variables set to run this file: {string.Join(" ", yaml.Variables)}");
        }

        return 0;
    }

    /// <summary>
    /// Writes the file mode 0600, whole or not at all (SPEC C2: it may hold passwords): a file that is
    /// there is replaced, a symlink too, never written through.
    /// </summary>
    private static void WriteFile(string path, string text)
    {
        using var file = AtomicFile.Create(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        file.Writer.Write(text);
        file.Commit();
    }

    // .NET's messages name the temporary file beside the one asked for; these say what is wrong with the path given.
    private static string WriteProblem(Exception e, string path) => e switch
    {
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        IOException when Directory.Exists(path) => "it is a directory",
        _ => e.Message,
    };

    private static (RootCommand Root, string[] Prefix) Build(string program, IReadOnlyList<GeneratorCommandLine> commandLines, bool withVersion)
    {
        var root = new RootCommand("Generates a conn-check configuration file from an application's settings.");
        foreach (var builtIn in root.Options.OfType<VersionOption>().ToList())
        {
            root.Options.Remove(builtIn);
        }

        Command parent = root;
        string[] prefix = [];
        if (program.Split(' ') is [_, var subcommand])
        {
            // conn-check configs ...: nested, so that the help says so.
            parent = new Command(subcommand, root.Description);
            root.Subcommands.Add(parent);
            prefix = [subcommand];
        }

        if (withVersion)
        {
            parent.Options.Add(ShowVersion);
        }

        if (commandLines.Count == 1)
        {
            foreach (var option in commandLines[0].Options)
            {
                parent.Options.Add(option);
            }

            return (root, prefix);
        }

        foreach (var commandLine in commandLines)
        {
            var command = new Command(commandLine.Generator.Name, Describe(commandLine.Generator));
            foreach (var option in commandLine.Options)
            {
                command.Options.Add(option);
            }

            parent.Subcommands.Add(command);
        }

        return (root, prefix);
    }

    private static string Describe(SettingsGenerator generator) => generator switch
    {
        DjangoGenerator => "Checks from a Django settings module, read with Python and Django.",
        _ => "Checks from a .NET application's appsettings files and environment variables.",
    };

    private static string ProgramName() =>
        Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs().FirstOrDefault()) is { Length: > 0 } name ? name : "conn-check-configs";
}
