using ConnCheck.Generation.DotNet;

namespace ConnCheck.Generation;

/// <summary>
/// Checks from a .NET application's configuration, read as its host reads it
/// (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, environment variables):
/// every recognised <c>ConnectionStrings</c> entry (Npgsql, MySQL/MariaDB, StackExchange.Redis,
/// <c>amqp://</c>, <c>mongodb://</c>, <c>postgres://</c>, <c>mysql://</c> and <c>redis://</c> URLs),
/// every absolute http(s) URL under a key ending in <c>Url</c>, <c>Uri</c> or <c>BaseAddress</c>, and
/// statsd from a <c>Statsd</c> section's <c>Host</c> and <c>Port</c>.
/// </summary>
public sealed class DotNetGenerator : SettingsGenerator
{
    /// <summary><c>dotnet</c>.</summary>
    public override string Name => "dotnet";

    /// <summary>
    /// Layers <see cref="GeneratorOptions.AppSettingsFiles"/>, each with its
    /// <see cref="GeneratorOptions.EnvironmentName"/> file, then <see cref="GeneratorOptions.Environment"/>
    /// (<c>ConnectionStrings__Db</c> is <c>ConnectionStrings:Db</c>).
    /// </summary>
    /// <param name="options">The files, the environment name and variables.</param>
    /// <param name="cancellationToken">Not used: the files are read at once.</param>
    /// <exception cref="SettingsException">A file is missing or is not JSON.</exception>
    public override Task<SettingsView> ReadSettingsAsync(GeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Task.FromResult(AppSettingsReader.Read(options));
    }

    private protected override IEnumerable<GeneratedCheck> MakeBuiltinChecks(SettingsView settings, GeneratorOptions options, ICollection<string> notes) =>
    [
        .. ConnectionStringChecks.Make(settings, options, notes),
        .. HttpUrlChecks.Make(settings, options, notes),
    ];

    private protected override (string Host, int Port)? StatsdAddress(SettingsView settings, ICollection<string> notes) =>
        settings["Statsd"] is { } statsd ? StatsdAddress(statsd.GetString("Host"), statsd["Port"], "Statsd:Host", notes) : null;
}
