using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Cli;

/// <summary><c>conn-check [options] CONFIG_FILE [PATTERN ...]</c></summary>
internal static class CheckCommand
{
    private const string UsageLine = "usage: conn-check [options] CONFIG_FILE [PATTERN ...]";

    internal static readonly Argument<string> ConfigFile = new("CONFIG_FILE") { Description = "YAML file listing the checks to run." };
    internal static readonly Argument<string[]> Patterns = new("PATTERN") { Description = "Run only results whose names match one of these globs ('*' matches anything).", Arity = ArgumentArity.ZeroOrMore, DefaultValueFactory = NoValues };
    internal static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Print the configuration's warnings (on stderr), then each check's name as it starts." };
    internal static readonly Option<bool> Duration = new("--duration", "-d") { Description = "Show each result's duration." };
    internal static readonly Option<bool> Tracebacks = new("--tracebacks", "-t") { Description = "Show the full error under each failure." };
    private static readonly Option<bool> Validate = new("--validate") { Description = "Only load and validate the configuration file; print its warnings." };
    internal static readonly Option<bool> ShowVersion = new("--version") { Description = "Print the version and exit." };
    private static readonly Option<string> TlsCertsPath = new("--tls-certs-path") { Description = "Also trust the *.pem CA certificates in DIR.", HelpName = "DIR", DefaultValueFactory = _ => DefaultCertsPath };
    private static readonly Option<IPEndPoint?> Resolver = ResolverOption("Resolve every check's host through the DNS server at ADDR (an IP address; port 53 unless given; IPv6 as [::1]:PORT) instead of the system resolver; dns checks without a server ask it too.");

    private static readonly Option<double?> ConnectTimeout = Seconds("--connect-timeout", "Default timeout of each check, in seconds (default 10).");
    private static readonly Option<double?> MaxTimeout = Seconds("--max-timeout", "Bound on the whole run, in seconds.");
    private static readonly Option<double?> Wait = Seconds("--wait", "Rerun the checks that fail until all pass or SECONDS have passed (a deploy gate); print the final results only.");
    private static readonly Option<double?> RetryInterval = Seconds("--retry-interval", $"With --wait, the first pause between reruns, in seconds (default {(int)WaitOptions.DefaultInterval.TotalSeconds}; each pause half as long again, up to {(int)RetrySchedule.MaxInterval.TotalSeconds}, with jitter).");
    private static readonly Option<bool> Unbuffered = new("--unbuffered-output", "-U") { Description = "Print each result as soon as it is known." };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Run nothing; list every result as skipped." };
    internal static readonly Option<string> IncludeTags = new("--include-tags") { Description = "Run only checks with one of these comma-separated tags.", HelpName = "TAGS" };
    internal static readonly Option<string> ExcludeTags = new("--exclude-tags") { Description = "Run all checks but those with one of these comma-separated tags.", HelpName = "TAGS" };
    private static readonly Option<int?> MaxConcurrency = new("--max-concurrency", "-j") { Description = "Run at most N checks at once (default: from the open-file limit).", HelpName = "N" };
    private static readonly Option<string[]> Formats = new("--format") { Description = $"Write the results as FORMAT, to standard output or to the file PATH (written whole, atomically); repeatable, at most one format on standard output. Formats: {ResultFormats.Names}.", HelpName = "FORMAT[:PATH]", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore, DefaultValueFactory = NoValues };
    private static readonly Option<int?> CertWarningDays = Days("--cert-warning-days", $"WARNING when a server certificate expires within N days (default {CertificateLimits.DefaultWarningDays}; per check: cert_warning_days).");
    private static readonly Option<int?> CertCriticalDays = Days("--cert-critical-days", $"FAILED when a server certificate expires within N days (default {CertificateLimits.DefaultCriticalDays}: only once expired; per check: cert_critical_days).");

    private const string DefaultCertsPath = "/etc/ssl/certs/";

    /// <summary>A <c>--resolver ADDR[:PORT]</c> option: a DNS server to resolve names through instead of the system resolver.</summary>
    internal static Option<IPEndPoint?> ResolverOption(string description) => new("--resolver")
    {
        Description = description,
        HelpName = "ADDR[:PORT]",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (DnsServer.TryParse(text, out var server, out _) && IPAddress.TryParse(server.Host, out var address))
            {
                return new IPEndPoint(address, server.Port);
            }

            result.AddError($"argument --resolver: expected an IP address with an optional port (ADDR[:PORT]), got '{text}'");
            return null;
        },
    };

    public static async Task<ExitCode> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var parsed = ConnCheckApp.Parse(Build(), "conn-check", args);
        if (parsed.GetValue(ShowVersion))
        {
            await stdout.WriteLineAsync($"conn-check {ConnCheckApp.Version}");
            return ExitCode.Ok;
        }

        if (parsed.Action is HelpAction)
        {
            var status = (ExitCode)await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);

            // The commands are chosen before parsing, so System.CommandLine cannot list them: they follow, in its layout.
            await stdout.WriteAsync(ConnCheckApp.CommandsHelp());
            return status;
        }

        var requests = FormatRequest.ParseAll(parsed.GetValue(Formats) ?? [], out var formatProblem);
        if ((FirstProblem(parsed) ?? formatProblem) is { } problem)
        {
            await stderr.WriteLineAsync(UsageLine);
            await stderr.WriteLineAsync($"conn-check: error: {problem}");
            return ExitCode.Unknown;
        }

        var configFile = parsed.GetValue(ConfigFile)!;
        var tracebacks = parsed.GetValue(Tracebacks);
        if (await LoadAsync(configFile, environment, tracebacks, stderr) is not { } configuration)
        {
            return ExitCode.Unknown;
        }

        var redactor = configuration.Redactor;
        var validate = parsed.GetValue(Validate);
        await WarnAsync(configuration, all: validate || parsed.GetValue(Verbose), stderr);

        if (validate)
        {
            return ExitCode.Ok;
        }

        var selection = SelectionOf(parsed);
        var checks = selection.Apply((await ExpandAddressesAsync(configuration, parsed, cancellationToken)).Checks);
        if (checks.Count == 0)
        {
            await stderr.WriteLineAsync(configuration.Checks.Count == 0
                ? $"conn-check: {configFile} has no checks: nothing to run"
                : "conn-check: no check matches the tags and patterns given: nothing to run");
        }

        var interruption = new Interruption();
        var options = RunOptionsOf(parsed, interruption);
        var settings = new FormatSettings(
            Streaming: parsed.GetValue(Unbuffered),
            ShowDuration: parsed.GetValue(Duration),
            Tracebacks: tracebacks,
            ConfigFile: configFile)
        {
            Version = ConnCheckApp.Version,
        };

        ResultPipeline pipeline;
        try
        {
            pipeline = ResultPipeline.Open(requests, settings, parsed.GetValue(Verbose), redactor, stdout, stderr, TimeProvider.System);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync(UsageLine);
            await stderr.WriteLineAsync($"conn-check: error: argument --format: {e.Message}");
            return ExitCode.Unknown;
        }

        using (pipeline)
        {
            var context = ContextOf(parsed, redactor);
            using var signals = environment.HandlesSignals ? TerminationSignals.Listen(interruption) : null;
            var runner = new CheckRunner(context);
            if (WaitOf(parsed) is { } wait)
            {
                var progress = environment.StderrIsTerminal ? new WaitProgressLine(stderr, redactor, TerminalWidth()) : null;
                await new WaitLoop(runner, context.Time).RunAsync(checks, options, wait, pipeline, progress, cancellationToken);
                progress?.Clear();
            }
            else
            {
                await runner.RunAsync(checks, options, pipeline, cancellationToken);
            }

            return pipeline.Finish();
        }
    }

    /// <summary>How a run goes, from the command line: concurrency, timeouts, certificate limits, dry run.</summary>
    internal static RunOptions RunOptionsOf(ParseResult parsed, Interruption interruption) => new()
    {
        MaxConcurrency = parsed.GetValue(MaxConcurrency) ?? OpenFileLimit.DefaultConcurrency(OpenFileLimit.Raise()),
        DefaultTimeout = TimeSpan.FromSeconds(parsed.GetValue(ConnectTimeout) ?? 10),
        MaxTimeout = parsed.GetValue(MaxTimeout) is { } max ? TimeSpan.FromSeconds(max) : null,
        CertificateLimits = new CertificateLimits(
            parsed.GetValue(CertWarningDays) ?? CertificateLimits.DefaultWarningDays,
            parsed.GetValue(CertCriticalDays) ?? CertificateLimits.DefaultCriticalDays),
        DryRun = parsed.GetValue(DryRun),
        Interruption = interruption,
    };

    /// <summary>The configuration with its <c>addresses: all</c> checks one per address, resolved as the checks will be (--resolver).</summary>
    internal static async Task<LoadedConfiguration> ExpandAddressesAsync(LoadedConfiguration configuration, ParseResult parsed, CancellationToken cancellationToken) =>
        configuration with { Checks = await AddressExpansion.ExpandAsync(configuration.Checks, ResolverOf(parsed), cancellationToken) };

    private static IHostResolver ResolverOf(ParseResult parsed) =>
        parsed.GetValue(Resolver) is { } server ? new DnsHostResolver(server) : SystemHostResolver.Instance;

    /// <summary>What the checks run with: the system's resolver or --resolver's, the trusted certificates, the secrets to mask.</summary>
    internal static CheckContext ContextOf(ParseResult parsed, Redactor redactor) =>
        new(ResolverOf(parsed), new TlsTrust(ExtraCertificatesDirectory(parsed)), TimeProvider.System)
        {
            Secrets = redactor,
        };

    private static WaitOptions? WaitOf(ParseResult parsed) => parsed.GetValue(Wait) is { } bound
        ? new WaitOptions(TimeSpan.FromSeconds(bound)) { FirstInterval = TimeSpan.FromSeconds(parsed.GetValue(RetryInterval) ?? WaitOptions.DefaultInterval.TotalSeconds) }
        : null;

    // The progress line is cut to fit; a terminal that cannot say how wide it is gets the classic 80 columns.
    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : 80;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 80;
        }
    }

    /// <summary>The tags and patterns of the command line: which checks and results run (or are exported).</summary>
    internal static Selection SelectionOf(ParseResult parsed) => new(
        TagFilter.Parse(parsed.GetValue(IncludeTags), parsed.GetValue(ExcludeTags)),
        new NamePattern(parsed.GetValue(Patterns) ?? []));

    /// <summary>
    /// Loads the configuration; on errors prints one line each (and with -t the details) and returns null.
    /// From here on, standard error masks the secrets the configuration holds.
    /// </summary>
    /// <summary>The configuration in <paramref name="path"/>, or null when it does not load, each error written on a line of <paramref name="stderr"/> after <paramref name="prefix"/>.</summary>
    internal static async Task<LoadedConfiguration?> LoadAsync(string path, AppEnvironment environment, bool tracebacks, TextWriter stderr, string prefix = "")
    {
        try
        {
            var configuration = ConfigurationLoader.LoadFile(path, types: environment.Types);
            MaskingWriter.Use(stderr, configuration.Redactor);
            return configuration;
        }
        catch (ConfigurationException e)
        {
            MaskingWriter.Use(stderr, e.Redactor);
            foreach (var error in e.Errors)
            {
                await stderr.WriteLineAsync(prefix + error);
            }

            if (tracebacks)
            {
                await stderr.WriteLineAsync(e.ToString());
            }

            return null;
        }
    }

    /// <summary>The options that only a run uses: export-fw, which runs nothing, does not take them as its own.</summary>
    internal static IReadOnlyList<Option> RunOnly { get; } = [Verbose, Duration, Validate, TlsCertsPath, Resolver, ConnectTimeout, MaxTimeout, Wait, RetryInterval, Unbuffered, DryRun, MaxConcurrency];

    /// <summary>
    /// The configuration's warnings, before anything runs, on stderr, so that stdout stays as 1.x printed it:
    /// <paramref name="all"/> for --validate and -v, else only those of every run (a near-miss option).
    /// </summary>
    internal static async Task WarnAsync(LoadedConfiguration configuration, bool all, TextWriter stderr, string prefix = "")
    {
        foreach (var warning in configuration.Warnings.Where(w => all || w.EveryRun))
        {
            await stderr.WriteLineAsync($"{prefix}{warning.Position}: warning: {warning.Problem}");
        }
    }

    /// <param name="forResults">Whether the command runs checks and prints results (the <see cref="RunOnly"/> options, --format and the certificate limits); export-fw does not.</param>
    internal static Command Build(bool forResults = true)
    {
        var formats = string.Join("\n  ", ResultFormats.Described);
        var command = ConnCheckApp.Root($"Checks that the services an application needs are reachable and that its credentials work.\n\nFormats (--format FORMAT[:PATH]):\n  {formats}", ShowVersion);
        command.Arguments.Add(ConfigFile);
        command.Arguments.Add(Patterns);
        Option[] resultOptions = forResults ? [Formats, CertWarningDays, CertCriticalDays] : [];
        foreach (var option in (Option[])[Verbose, Duration, Tracebacks, Validate, ShowVersion, TlsCertsPath, Resolver, ConnectTimeout, MaxTimeout, Wait, RetryInterval, Unbuffered, DryRun, IncludeTags, ExcludeTags, MaxConcurrency, .. resultOptions])
        {
            if (forResults || !RunOnly.Contains(option))
            {
                command.Options.Add(option);
            }
        }

        return command;
    }

    /// <summary>
    /// What an array option or argument given no values reads as. Without it System.CommandLine makes that
    /// empty array by reflection (<c>Array.CreateInstance</c>), about half a millisecond of every start.
    /// </summary>
    internal static string[] NoValues(ArgumentResult given) => [];

    internal static string? FirstProblem(ParseResult parsed)
    {
        if (ConnCheckApp.ParseError(parsed) is { } error)
        {
            return error;
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

        // A wait reruns checks: with nothing run (--dry-run, --validate) there would be nothing to wait for.
        if (parsed.GetValue(Wait) is not null && (parsed.GetValue(DryRun) || parsed.GetValue(Validate)))
        {
            return $"argument --wait: not allowed with argument {(parsed.GetValue(DryRun) ? "--dry-run" : "--validate")}";
        }

        if (parsed.GetValue(RetryInterval) is not null && parsed.GetValue(Wait) is null)
        {
            return "argument --retry-interval: only allowed with argument --wait";
        }

        if (parsed.GetValue(MaxConcurrency) is < 1)
        {
            return "argument -j/--max-concurrency: must be at least 1";
        }

        // Null where the command has no such option (export-fw).
        var certs = parsed.GetValue(TlsCertsPath);
        if (certs is not null && certs != DefaultCertsPath && !Directory.Exists(certs))
        {
            return $"argument --tls-certs-path: no such directory: {certs}";
        }

        return null;
    }

    // The default directory is the system store, which the TLS stack already trusts: reading its
    // hundred-odd files again would only slow down every "not trusted" failure.
    private static string? ExtraCertificatesDirectory(ParseResult parsed) =>
        parsed.GetResult(TlsCertsPath) is { Implicit: false } ? parsed.GetValue(TlsCertsPath) : null;

    private static Option<int?> Days(string name, string description) => Number<int>(
        name, description, "N", $"a whole number of days from 0 to {CertificateLimits.MaxDays}",
        text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= CertificateLimits.MaxDays ? days : null);

    private static Option<double?> Seconds(string name, string description) => Number<double>(
        name, description, "SECONDS", "a number of seconds greater than 0",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 2_000_000 ? seconds : null);

    // An option of one number, refused in argparse's words ("argument NAME: expected WHAT, got 'TEXT'").
    private static Option<T?> Number<T>(string name, string description, string helpName, string expected, Func<string, T?> parse)
        where T : struct => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (parse(text) is { } value)
            {
                return value;
            }

            result.AddError($"argument {name}: expected {expected}, got '{text}'");
            return null;
        },
    };
}
