using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation;

/// <summary>
/// Reads an application's settings and makes conn-check checks from them: the built-in checks of
/// its kind (<see cref="DjangoGenerator"/>, <see cref="DotNetGenerator"/>), a statsd <c>udp</c> check,
/// then those of every <see cref="ExtraCheckMakers"/> entry, in order.
/// </summary>
public abstract class SettingsGenerator
{
    private protected SettingsGenerator()
    {
    }

    /// <summary>The generator's name on the command line: <c>conn-check configs NAME</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Your own check makers, run after the built-in ones: append to it before running.</summary>
    public List<CheckMaker> ExtraCheckMakers { get; } = [];

    /// <summary>What the statsd check sends and expects; change it before running.</summary>
    public StatsdCheck StatsdCheck { get; } = new();

    /// <summary>Reads the application's settings as <paramref name="options"/> say.</summary>
    /// <param name="options">Where the settings are.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="SettingsException">The settings cannot be read.</exception>
    public abstract Task<SettingsView> ReadSettingsAsync(GeneratorOptions options, CancellationToken cancellationToken = default);

    /// <summary>Every check for <paramref name="settings"/>: built-in, statsd, then the extra makers'.</summary>
    /// <param name="settings">The application's settings.</param>
    /// <param name="options">The options, as check makers see them.</param>
    public IReadOnlyList<GeneratedCheck> Generate(SettingsView settings, GeneratorOptions options) =>
        Generate(settings, options, new List<string>());

    /// <summary>As the public overload; <paramref name="notes"/> collects what was left out and why.</summary>
    internal IReadOnlyList<GeneratedCheck> Generate(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var checks = new List<GeneratedCheck>(MakeBuiltinChecks(settings, options, notes));
        if (StatsdAddress(settings, notes) is var (host, port))
        {
            checks.Add(new GeneratedCheck("udp")
            {
                { "host", host },
                { "port", port },
                { "send", options.StatsdSend ?? StatsdCheck.Send },
                { "expect", options.StatsdExpect ?? StatsdCheck.Expect },
            });
        }

        foreach (var maker in ExtraCheckMakers)
        {
            checks.AddRange(maker(settings, options) ?? []);
        }

        return checks;
    }

    private protected abstract IEnumerable<GeneratedCheck> MakeBuiltinChecks(SettingsView settings, GeneratorOptions options, ICollection<string> notes);

    /// <summary>Where statsd listens, or null when the settings name none.</summary>
    private protected abstract (string Host, int Port)? StatsdAddress(SettingsView settings, ICollection<string> notes);

    /// <summary><c>host:port</c> in <paramref name="host"/> wins over <paramref name="port"/>, as django-statsd reads it.</summary>
    private protected static (string Host, int Port)? StatsdAddress(string? host, SettingsView? port, string what, ICollection<string> notes)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var defaultPort = Ports.Statsd;
        if (port is { Kind: not SettingsKind.Null })
        {
            if (port.AsInt32() is not { } given)
            {
                notes.Add($"{what}: the port {port} is not a number; no statsd check");
                return null;
            }

            defaultPort = given;
        }

        if (HostPort.TryParse(host, defaultPort, out var address))
        {
            return (address.Host, address.Port);
        }

        notes.Add($"{what}: '{host}' is not HOST or HOST:PORT; no statsd check");
        return null;
    }
}
