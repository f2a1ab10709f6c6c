using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Output;
using ConnCheck.Running;

namespace ConnCheck.Cli;

/// <summary><c>conn-check [options] CONFIG_FILE [PATTERN ...]</c></summary>
internal static class CheckCommand
{
    private const string UsageLine = "usage: conn-check [options] CONFIG_FILE [PATTERN ...]";

    internal static readonly Argument<string> ConfigFile = new("CONFIG_FILE") { Description = "YAML file listing the checks to run." };
    internal static readonly Argument<string[]> Patterns = new("PATTERN") { Description = "Run only results whose names match one of these globs ('*' matches anything).", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Print each check's name as it starts." };
    private static readonly Option<bool> Duration = new("--duration", "-d") { Description = "Show each result's duration." };
    internal static readonly Option<bool> Tracebacks = new("--tracebacks", "-t") { Description = "Show the full error under each failure." };
    private static readonly Option<bool> Validate = new("--validate") { Description = "Only load and validate the configuration file." };
    internal static readonly Option<bool> ShowVersion = new("--version") { Description = "Print the version and exit." };
    private static readonly Option<string> TlsCertsPath = new("--tls-certs-path") { Description = "Also trust the *.pem CA certificates in DIR.", HelpName = "DIR", DefaultValueFactory = _ => DefaultCertsPath };
    private static readonly Option<double?> ConnectTimeout = Seconds("--connect-timeout", "Default timeout of each check, in seconds (default 10).");
    private static readonly Option<double?> MaxTimeout = Seconds("--max-timeout", "Bound on the whole run, in seconds.");
    private static readonly Option<bool> Unbuffered = new("--unbuffered-output", "-U") { Description = "Print each result as soon as it is known." };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Run nothing; list every result as skipped." };
    internal static readonly Option<string> IncludeTags = new("--include-tags") { Description = "Run only checks with one of these comma-separated tags.", HelpName = "TAGS" };
    internal static readonly Option<string> ExcludeTags = new("--exclude-tags") { Description = "Run all checks but those with one of these comma-separated tags.", HelpName = "TAGS" };
    private static readonly Option<int?> MaxConcurrency = new("--max-concurrency", "-j") { Description = "Run at most N checks at once (default: from the open-file limit).", HelpName = "N" };

    private const string DefaultCertsPath = "/etc/ssl/certs/";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var command = Build();
        var parsed = command.Parse(args);
        if (parsed.GetValue(ShowVersion))
        {
            await stdout.WriteLineAsync($"conn-check {ConnCheckApp.Version}");
            return 0;
        }

        if (parsed.Action is HelpAction)
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
        }

        if (FirstProblem(parsed) is { } problem)
        {
            await stderr.WriteLineAsync(UsageLine);
            await stderr.WriteLineAsync($"conn-check: error: {problem}");
            return ConnCheckApp.Unknown;
        }

        var tracebacks = parsed.GetValue(Tracebacks);
        LoadedConfiguration configuration;
        try
        {
            configuration = ConfigurationLoader.LoadFile(parsed.GetValue(ConfigFile)!, types: environment.Types);
        }
        catch (ConfigurationException e)
        {
            foreach (var error in e.Errors)
            {
                await stderr.WriteLineAsync(error.ToString());
            }

            if (tracebacks)
            {
                await stderr.WriteLineAsync(e.ToString());
            }

            return ConnCheckApp.Unknown;
        }

        var redactor = new Redactor(configuration.Secrets);
        if (parsed.GetValue(Validate))
        {
            foreach (var warning in configuration.Warnings)
            {
                await stderr.WriteLineAsync(redactor.Redact($"{warning.Position}: warning: {warning.Problem}"));
            }

            return 0;
        }

        var tags = TagFilter.Parse(parsed.GetValue(IncludeTags), parsed.GetValue(ExcludeTags));
        var checks = configuration.Checks.Where(tags.Keeps).ToList();
        var options = new RunOptions
        {
            MaxConcurrency = parsed.GetValue(MaxConcurrency) ?? OpenFileLimit.DefaultConcurrency(OpenFileLimit.Raise()),
            DefaultTimeout = TimeSpan.FromSeconds(parsed.GetValue(ConnectTimeout) ?? 10),
            MaxTimeout = parsed.GetValue(MaxTimeout) is { } max ? TimeSpan.FromSeconds(max) : null,
            Pattern = new NamePattern(parsed.GetValue(Patterns) ?? []),
            DryRun = parsed.GetValue(DryRun),
        };
        var output = new TextOutput(stdout, new TextOutputOptions(
            Buffered: !parsed.GetValue(Unbuffered),
            Verbose: parsed.GetValue(Verbose),
            ShowDuration: parsed.GetValue(Duration),
            Tracebacks: tracebacks), redactor);
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(ExtraCertificatesDirectory(parsed)), TimeProvider.System);
        await new CheckRunner(context).RunAsync(checks, options, output, cancellationToken);
        return output.Finish();
    }

    internal static RootCommand Build()
    {
        var command = new RootCommand("Checks that the services an application needs are reachable and that its credentials work.");
        foreach (var builtIn in command.Options.OfType<VersionOption>().ToList())
        {
            command.Options.Remove(builtIn);
        }

        command.Arguments.Add(ConfigFile);
        command.Arguments.Add(Patterns);
        foreach (var option in new Option[] { Verbose, Duration, Tracebacks, Validate, ShowVersion, TlsCertsPath, ConnectTimeout, MaxTimeout, Unbuffered, DryRun, IncludeTags, ExcludeTags, MaxConcurrency })
        {
            command.Options.Add(option);
        }

        return command;
    }

    internal static string? FirstProblem(ParseResult parsed)
    {
        if (parsed.Errors.Count > 0)
        {
            return parsed.Errors[0].Message;
        }

        // System.CommandLine takes an unknown option (a typo such as --max-timout) for CONFIG_FILE or a PATTERN,
        // where argparse in 1.x refused it. No result name starts with '-'; '--' lets a file name do so.
        var positional = (parsed.GetResult(ConfigFile)?.Tokens ?? []).Concat(parsed.GetResult(Patterns)?.Tokens ?? []);
        if (parsed.Tokens.All(t => t.Type != TokenType.DoubleDash)
            && positional.FirstOrDefault(t => t.Value.Length > 1 && t.Value[0] == '-') is { } unknown)
        {
            return $"unrecognized argument: {unknown.Value}";
        }

        if (parsed.GetResult(IncludeTags) is not null && parsed.GetResult(ExcludeTags) is not null)
        {
            return "argument --exclude-tags: not allowed with argument --include-tags";
        }

        if (parsed.GetValue(MaxConcurrency) is < 1)
        {
            return "argument -j/--max-concurrency: must be at least 1";
        }

        var certs = parsed.GetValue(TlsCertsPath);
        if (certs != DefaultCertsPath && !Directory.Exists(certs))
        {
            return $"argument --tls-certs-path: no such directory: {certs}";
        }

        return null;
    }

    // The default directory is the system store, which the TLS stack already trusts: reading its
    // hundred-odd files again would only slow down every "not trusted" failure.
    private static string? ExtraCertificatesDirectory(ParseResult parsed) =>
        parsed.GetResult(TlsCertsPath) is { Implicit: false } ? parsed.GetValue(TlsCertsPath) : null;

    private static Option<double?> Seconds(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "SECONDS",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds > 0 && seconds <= 2_000_000)
            {
                return seconds;
            }

            result.AddError($"argument {name}: expected a number of seconds greater than 0, got '{text}'");
            return null;
        },
    };
}
