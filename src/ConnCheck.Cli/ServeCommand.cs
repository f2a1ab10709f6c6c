using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using ConnCheck.Configuration;
using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Serve;

namespace ConnCheck.Cli;

/// <summary>
/// <c>conn-check serve [options] CONFIG_FILE [PATTERN ...]</c>: conn-check's check options, the checks
/// run every --interval, the latest results served over HTTP for Prometheus and readiness probes (SPEC C5).
/// </summary>
internal static class ServeCommand
{
    /// <summary>Its line in <c>conn-check --help</c>, and its help's description.</summary>
    public const string Summary = "Runs the checks of CONFIG_FILE every --interval and serves the latest results over HTTP: /metrics (Prometheus), /results (JSON), /ready, /healthz.";

    private static readonly Option<string> Listen = new("--listen") { Description = $"Listen on this IP address and port (default {ListenAddress.Default}; IPv6 as [::1]:PORT; port 0: any free port).", HelpName = "ADDR:PORT" };

    private static readonly Option<double?> Interval = new("--interval")
    {
        Description = "Run the checks every SECONDS (default 60), the first run at start; never two runs at once.",
        HelpName = "SECONDS",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 2_000_000)
            {
                return seconds;
            }

            result.AddError($"argument --interval: expected a number of seconds greater than 0, got '{text}'");
            return null;
        },
    };

    private static readonly Option<string[]> Formats = new("--format")
    {
        Description = $"Also write each run's results as FORMAT to the file PATH, replaced whole after each run; repeatable. Formats: {ResultFormats.Names}.",
        HelpName = "FORMAT:PATH",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = CheckCommand.NoValues,
    };

    // The output options of a single run that serve has no use for: its results go to its endpoints and
    // to files, never to standard output (serve's own --format takes files only); and --wait, since serve
    // runs the checks again on its own schedule.
    private static readonly string[] NotServed = ["--format", "--unbuffered-output", "--validate", "--wait", "--retry-interval"];

    public static async Task<ExitCode> RunAsync(string name, string[] args, TextWriter stdout, TextWriter stderr, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var command = CheckCommand.Build();
        command.Description = Summary;
        foreach (var option in command.Options.Where(o => NotServed.Contains(o.Name)).ToList())
        {
            command.Options.Remove(option);
        }

        command.Options.Add(Listen);
        command.Options.Add(Interval);
        command.Options.Add(Formats);

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

        string? listenProblem = null;
        var listen = parsed.GetValue(Listen) is { } written ? ListenAddress.Parse(written, out listenProblem) : ListenAddress.Default;
        var files = FilesOf(parsed.GetValue(Formats) ?? [], out var formatProblem);
        if ((CheckCommand.FirstProblem(parsed) ?? listenProblem ?? formatProblem) is { } problem)
        {
            await stderr.WriteLineAsync($"usage: {name} [options] CONFIG_FILE [PATTERN ...]");
            await stderr.WriteLineAsync($"{name}: error: {problem}");
            return ExitCode.Unknown;
        }

        // Loaded before listening: a configuration that cannot be loaded stops serve before it serves anything.
        var configFile = parsed.GetValue(CheckCommand.ConfigFile)!;
        var tracebacks = parsed.GetValue(CheckCommand.Tracebacks);
        if (await CheckCommand.LoadAsync(configFile, environment, tracebacks, stderr) is not { } loadedFirst)
        {
            return ExitCode.Unknown;
        }

        // addresses: all — resolved as the file is loaded, and again at each reload.
        var configuration = await CheckCommand.ExpandAddressesAsync(loadedFirst, parsed, cancellationToken);

        await CheckCommand.WarnAsync(configuration, all: parsed.GetValue(CheckCommand.Verbose), stderr);
        var selection = CheckCommand.SelectionOf(parsed);
        if (selection.Apply(configuration.Checks).Count == 0)
        {
            await stderr.WriteLineAsync($"{name}: warning: no check of {configFile} matches the tags and patterns given: every run is empty");
        }

        // SIGTERM or SIGINT ends the run in flight as it ends a single run, and then serving; SIGHUP reloads.
        var interruption = new Interruption();
        var reloads = new ReloadRequests();
        using var signals = environment.HandlesSignals ? TerminationSignals.Listen(interruption) : null;
        using var hangUp = environment.HandlesSignals ? ReloadSignal.Listen(reloads) : null;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interruption.Token);

        var settings = new FormatSettings(Streaming: false, ShowDuration: parsed.GetValue(CheckCommand.Duration), Tracebacks: tracebacks, ConfigFile: configFile) { Version = ConnCheckApp.Version };
        var options = CheckCommand.RunOptionsOf(parsed, interruption);
        var time = TimeProvider.System;

        // The command line stays as it was given; only the file is read again.
        ScheduledRun RunOf(LoadedConfiguration loaded) => new(
            new CheckRunner(CheckCommand.ContextOf(parsed, loaded.Redactor)),
            selection.Apply(loaded.Checks),
            options,
            files,
            settings,
            loaded.Redactor,
            time);

        async Task<ScheduledRun?> ReloadAsync(CancellationToken _)
        {
            var prefix = $"{Rfc3339.Format(time.GetUtcNow())} conn-check serve: reload: ";
            var reloaded = await CheckCommand.LoadAsync(configFile, environment, tracebacks, stderr, prefix);
            if (reloaded is not null)
            {
                reloaded = await CheckCommand.ExpandAddressesAsync(reloaded, parsed, cancellationToken);
                await CheckCommand.WarnAsync(reloaded, all: parsed.GetValue(CheckCommand.Verbose), stderr, prefix);
            }

            return reloaded is null ? null : RunOf(reloaded);
        }

        var state = new ExporterState(ConnCheckApp.Version, time);
        var interval = TimeSpan.FromSeconds(parsed.GetValue(Interval) ?? 60);
        var schedule = new RunSchedule(RunOf(configuration), ReloadAsync, reloads, state, interval, stderr, time);
        return await Exporter.ServeAsync(listen!, state, schedule.RunAsync, stderr, stopping.Token);
    }

    /// <summary>The files of serve's --format: each FORMAT:PATH as a single run takes it; standard output is refused.</summary>
    private static IReadOnlyList<FormatRequest> FilesOf(string[] written, out string? problem)
    {
        if (written.Length == 0)
        {
            problem = null;
            return [];
        }

        var requests = FormatRequest.ParseAll(written, out problem);
        if (problem is null && requests.FirstOrDefault(r => r.ToStdout) is { } toStdout)
        {
            problem = $"argument --format: serve writes formats to files only (FORMAT:PATH), not {toStdout.Format.Name} to standard output: its results are on its endpoints";
            return [];
        }

        return requests;
    }
}
