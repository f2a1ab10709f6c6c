namespace ConnCheck.Generation;

/// <summary>
/// How a generator runs: the command line of <c>conn-check configs</c> (or of a program built on
/// <see cref="ConfigsProgram"/>), and what check makers see as their <c>options</c>.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>Django: the settings module (<c>-m</c>); null takes <c>DJANGO_SETTINGS_MODULE</c> from the environment.</summary>
    public string? SettingsModule { get; init; }

    /// <summary>Django: the database name for <c>DATABASES</c> entries without a <c>NAME</c> (<c>-d</c>).</summary>
    public string? DatabaseName { get; init; }

    /// <summary>
    /// Django: the directories put first on Python's import path (<c>--pythonpath</c>); when none is
    /// given, the current directory, as 1.x had it. Python runs isolated (<c>-I</c>), so nothing else is
    /// added: not the current directory when directories are given, nor <c>PYTHONPATH</c>.
    /// </summary>
    public IReadOnlyList<string> PythonPath { get; init; } = [];

    /// <summary>
    /// Django: the Python interpreter (<c>--python</c>), one with Django installed: a path when it has a
    /// <c>/</c>, else a name looked up in the directories of <c>PATH</c> (never in the current directory);
    /// <c>python3</c> by default.
    /// </summary>
    public string Python { get; init; } = "python3";

    /// <summary>
    /// .NET: the appsettings files, in order (<c>--appsettings</c>), each followed by its environment's
    /// file (<c>NAME.{Environment}.json</c>) when that exists; empty for <c>appsettings.json</c> in the
    /// current directory, which may then be missing, as for a host.
    /// </summary>
    public IReadOnlyList<string> AppSettingsFiles { get; init; } = [];

    /// <summary>
    /// .NET: the environment (<c>--environment</c>) whose <c>appsettings.{Environment}.json</c> is layered on;
    /// null takes <c>ASPNETCORE_ENVIRONMENT</c> or <c>DOTNET_ENVIRONMENT</c>, else <c>Production</c>, as hosts do.
    /// </summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Overrides <see cref="StatsdCheck.Send"/> (<c>--statsd_send</c>).</summary>
    public string? StatsdSend { get; init; }

    /// <summary>Overrides <see cref="StatsdCheck.Expect"/> (<c>--statsd_expect</c>).</summary>
    public string? StatsdExpect { get; init; }

    /// <summary>Write secrets as <c>${NAME}</c> references rather than their values (<c>--secrets-as-env</c>).</summary>
    public bool SecretsAsEnvironment { get; init; }

    /// <summary>Where the YAML goes (<c>-f</c>); null for standard output.</summary>
    public string? OutputFile { get; init; }

    /// <summary>
    /// The environment variables the settings are read with (the Python process's whole environment;
    /// the top configuration layer for .NET); null for this process's own.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
