using System.CommandLine;
using System.CommandLine.Help;
using ConnCheck.Firewall;
using ConnCheck.Running;

namespace ConnCheck.Cli;

/// <summary>
/// <c>conn-check export-fw [options] CONFIG_FILE [PATTERN ...]</c>: conn-check's arguments, but
/// nothing runs; prints the egress rules the selected checks need (SPEC A7).
/// </summary>
internal static class ExportFwCommand
{
    /// <summary>Its line in <c>conn-check --help</c>, and its help's description.</summary>
    public const string Summary = "Prints the egress firewall rules the checks of CONFIG_FILE need, as YAML for convert-fw; runs nothing.";

    private static readonly Option<string> OutputFile = new("--output", "-o") { Description = "Write the rules to FILE instead of standard output.", HelpName = "FILE" };

    public static async Task<ExitCode> RunAsync(string name, string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var command = CheckCommand.Build(forResults: false);
        command.Description = Summary;
        command.Options.Add(OutputFile);

        // conn-check's run options change nothing here. Under its 1.x name, conn-check-export-fw takes
        // conn-check's arguments as 1.x did and ignores them (scripts pass both programs the same ones);
        // as conn-check export-fw, it refuses them by name rather than let them seem to work.
        // Either way they stay out of its help.
        var runOnly = CheckCommand.RunOnly.Select(HiddenCopy).ToList();
        foreach (var option in runOnly)
        {
            command.Options.Add(option);
        }

        var parsed = ConnCheckApp.Parse(command, name, args);
        if (parsed.GetValue(CheckCommand.ShowVersion))
        {
            await stdout.WriteLineAsync($"conn-check {ConnCheckApp.Version}");
            return ExitCode.Ok;
        }

        if (parsed.Action is HelpAction)
        {
            return (ExitCode)await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
        }

        var asSubcommand = name.Contains(' ');
        var refused = asSubcommand ? runOnly.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false }) : null;
        var problem = refused is not null
            ? $"argument {Spelled(refused)}: not allowed with export-fw, which runs nothing"
            : CheckCommand.FirstProblem(parsed);
        if (problem is not null)
        {
            await stderr.WriteLineAsync($"usage: {name} [options] CONFIG_FILE [PATTERN ...]");
            await stderr.WriteLineAsync($"{name}: error: {problem}");
            return ExitCode.Unknown;
        }

        if (await CheckCommand.LoadAsync(parsed.GetValue(CheckCommand.ConfigFile)!, environment, parsed.GetValue(CheckCommand.Tracebacks), stderr) is not { } configuration)
        {
            return ExitCode.Unknown;
        }

        // The same file as a run: a near-miss option is as likely a typo here.
        await CheckCommand.WarnAsync(configuration, all: false, stderr);
        var export = EgressExportBuilder.Build(
            CheckCommand.SelectionOf(parsed).Apply(await AddressExpansion.ExpandAsync(configuration.Checks, environment.Resolver, cancellationToken)),
            await environment.Fqdn.GetFqdnAsync(cancellationToken));
        var yaml = ExportFileWriter.Write(export.Rules);
        if (parsed.GetValue(OutputFile) is { } path)
        {
            try
            {
                await File.WriteAllTextAsync(path, yaml, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await stderr.WriteLineAsync($"{name}: error: cannot write {path}: {e.Message}");
                return ExitCode.Unknown;
            }
        }
        else
        {
            await stdout.WriteAsync(yaml);
        }

        return ExitCode.Ok;
    }

    // Parsed as the original is (a flag, or an option with a value), but its value is never read.
    private static Option HiddenCopy(Option option) => option.ValueType == typeof(bool)
        ? new Option<bool>(option.Name, [.. option.Aliases]) { Hidden = true }
        : new Option<string>(option.Name, [.. option.Aliases]) { Hidden = true };

    // As argparse names an option in its errors: -v/--verbose.
    private static string Spelled(Option option) => string.Join("/", option.Aliases.Order(StringComparer.Ordinal).Append(option.Name));
}
