using System.CommandLine;

namespace ConnCheck.Generation.Internal;

/// <summary>The command line of one generator: its options, and how they become <see cref="GeneratorOptions"/>.</summary>
internal sealed class GeneratorCommandLine
{
    private readonly Option<string> _outputFile = new("--output-file", "-f") { Description = "Write the YAML to FILE instead of standard output.", HelpName = "FILE" };
    private readonly Option<bool> _secretsAsEnvironment = new("--secrets-as-env") { Description = "Write passwords and the other secrets (URL tokens, secret query parameters) as ${NAME} references, which conn-check takes from its environment, so that the file can be committed." };
    private readonly Option<string> _statsdSend = new("--statsd_send") { Description = $"What the statsd check sends (default '{StatsdCheck.DefaultSend}').", HelpName = "S" };
    private readonly Option<string> _statsdExpect = new("--statsd_expect") { Description = "What the statsd check expects back (default: nothing).", HelpName = "E" };
    private readonly Option<bool> _tracebacks = new("--tracebacks", "-t") { Description = "Show the full error (Python's traceback) when the settings cannot be read." };

    private readonly Option<string> _settingsModule = new("--settings-module", "-m") { Description = "The Django settings module (default: $DJANGO_SETTINGS_MODULE).", HelpName = "SETTINGS_MODULE" };
    private readonly Option<string> _databaseName = new("--database-name", "-d") { Description = "The database name for DATABASES entries without a NAME.", HelpName = "DB_NAME" };
    private readonly Option<string[]> _pythonPath = new("--pythonpath") { Description = "A directory to put on Python's path (default: the current directory); may be repeated.", HelpName = "DIR" };
    private readonly Option<string> _python = new("--python") { Description = "The Python interpreter with Django installed: a path, or a name looked up in PATH (default: python3).", HelpName = "PYTHON" };
    private readonly Option<bool> _print = new("--print", "-p") { Description = "Accepted for 1.x scripts; printing is the default.", Hidden = true };

    private readonly Option<string[]> _appSettings = new("--appsettings") { Description = "An appsettings JSON file, layered in order (default: appsettings.json here); may be repeated.", HelpName = "FILE" };
    private readonly Option<string> _environmentName = new("--environment", "-e") { Description = "The environment whose appsettings.ENVIRONMENT.json is layered on (default: $ASPNETCORE_ENVIRONMENT, $DOTNET_ENVIRONMENT, else Production).", HelpName = "NAME" };

    public GeneratorCommandLine(SettingsGenerator generator)
    {
        Generator = generator;
        Options = generator is DjangoGenerator
            ? [_settingsModule, _outputFile, _databaseName, _statsdSend, _statsdExpect, _secretsAsEnvironment, _pythonPath, _python, _tracebacks, _print]
            : [_appSettings, _environmentName, _outputFile, _statsdSend, _statsdExpect, _secretsAsEnvironment, _tracebacks];
    }

    public SettingsGenerator Generator { get; }

    public IReadOnlyList<Option> Options { get; }

    /// <summary>The usage line, as 1.x's argparse printed it.</summary>
    public string Usage(string program) => Generator is DjangoGenerator
        ? $"usage: {program} [-m SETTINGS_MODULE] [-f OUTPUT_FILE] [-d DB_NAME] [--statsd_send S] [--statsd_expect E] [--secrets-as-env] [--pythonpath DIR] [--python PYTHON]"
        : $"usage: {program} [--appsettings FILE ...] [--environment NAME] [-f OUTPUT_FILE] [--statsd_send S] [--statsd_expect E] [--secrets-as-env]";

    public bool Tracebacks(ParseResult parsed) => parsed.GetValue(_tracebacks);

    /// <summary>The options, or null with the problem when they do not make sense together.</summary>
    public GeneratorOptions? Read(ParseResult parsed, IReadOnlyDictionary<string, string>? environment, out string? problem)
    {
        problem = null;
        var options = new GeneratorOptions
        {
            SettingsModule = NullIfEmpty(parsed.GetValue(_settingsModule)),
            DatabaseName = NullIfEmpty(parsed.GetValue(_databaseName)),
            PythonPath = parsed.GetValue(_pythonPath) ?? [],
            Python = NullIfEmpty(parsed.GetValue(_python)) ?? "python3",
            AppSettingsFiles = parsed.GetValue(_appSettings) ?? [],
            EnvironmentName = NullIfEmpty(parsed.GetValue(_environmentName)),
            StatsdSend = parsed.GetValue(_statsdSend),
            StatsdExpect = parsed.GetValue(_statsdExpect),
            SecretsAsEnvironment = parsed.GetValue(_secretsAsEnvironment),
            OutputFile = NullIfEmpty(parsed.GetValue(_outputFile)),
            Environment = environment,
        };

        if (Generator is DjangoGenerator && options.SettingsModule is null)
        {
            var fromEnvironment = environment is null
                ? Environment.GetEnvironmentVariable("DJANGO_SETTINGS_MODULE")
                : environment.GetValueOrDefault("DJANGO_SETTINGS_MODULE");
            if (string.IsNullOrEmpty(fromEnvironment))
            {
                problem = "the following arguments are required: -m/--settings-module (or set DJANGO_SETTINGS_MODULE)";
                return null;
            }
        }

        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
