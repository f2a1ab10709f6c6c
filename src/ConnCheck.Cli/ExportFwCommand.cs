using System.CommandLine;
using System.CommandLine.Help;
using ConnCheck.Firewall;

namespace ConnCheck.Cli;

/// <summary>
/// <c>conn-check export-fw [options] CONFIG_FILE [PATTERN ...]</c>: conn-check's arguments, but
/// nothing runs; prints the egress rules the selected checks need (SPEC A7).
/// </summary>
internal static class ExportFwCommand
{
    private static readonly Option<string> OutputFile = new("--output", "-o") { Description = "Write the rules to FILE instead of standard output.", HelpName = "FILE" };

    public static async Task<ExitCode> RunAsync(string name, string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var command = CheckCommand.Build(forResults: false);
        command.Description = "Prints the egress firewall rules the checks of CONFIG_FILE need, as YAML for convert-fw; runs nothing.";
        command.Options.Add(OutputFile);
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

        if (CheckCommand.FirstProblem(parsed) is { } problem)
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
            CheckCommand.SelectionOf(parsed).Apply(configuration.Checks),
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
}
