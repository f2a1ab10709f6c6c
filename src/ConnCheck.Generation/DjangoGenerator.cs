using ConnCheck.Generation.Django;

namespace ConnCheck.Generation;

/// <summary>
/// Checks from a Django settings module (SPEC A9), read through Python and Django: <c>DATABASES</c>
/// (PostgreSQL, MySQL, Oracle), OOPS/OOPSES amqp publishers, Celery brokers (old-style
/// <c>BROKER_*</c> and <c>CELERY_BROKER_URL</c>/<c>BROKER_URL</c>), memcached and Redis <c>CACHES</c>,
/// statsd (<c>STATSD_HOST</c>, <c>STATSD_PORT</c>), and the mail server of Django's SMTP backend
/// (<c>EMAIL_HOST</c> and the other <c>EMAIL_*</c> settings, when the module sets EMAIL_HOST or EMAIL_BACKEND).
/// </summary>
/// <example>
/// The tutorial's proxied Translate API check, in a program of your own:
/// <code>
/// var django = new DjangoGenerator();
/// django.ExtraCheckMakers.Add((settings, options) =&gt; settings.GetString("PROXY_HOST") is { Length: &gt; 0 } proxy
///     ? [new GeneratedCheck("http") { { "url", "https://..." }, { "proxy_host", proxy }, { "proxy_port", settings.GetInt32("PROXY_PORT") ?? 8080 } }]
///     : []);
/// return await ConfigsProgram.RunAsync(args, django);
/// </code>
/// </example>
public sealed class DjangoGenerator : SettingsGenerator
{
    /// <summary><c>django</c>.</summary>
    public override string Name => "django";

    /// <summary>
    /// Imports the settings module (<see cref="GeneratorOptions.SettingsModule"/>, else
    /// <c>DJANGO_SETTINGS_MODULE</c>) with <see cref="GeneratorOptions.Python"/> and reads every
    /// upper-case setting as plain data (anything else becomes its text).
    /// </summary>
    /// <param name="options">The module, the interpreter, the Python path.</param>
    /// <param name="cancellationToken">Stops Python.</param>
    /// <exception cref="SettingsException">Python cannot run, or the module (or Django) fails to import: the message is Python's error line, the details its traceback.</exception>
    public override Task<SettingsView> ReadSettingsAsync(GeneratorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DjangoSettingsReader.ReadAsync(options, cancellationToken);
    }

    private protected override IEnumerable<GeneratedCheck> MakeBuiltinChecks(SettingsView settings, GeneratorOptions options, ICollection<string> notes) =>
    [
        .. DjangoDatabases.Make(settings, options, notes),
        .. DjangoBrokers.MakeOops(settings, options, notes),
        .. DjangoBrokers.MakeOldStyleCelery(settings, options, notes),
        .. DjangoBrokers.MakeCeleryUrls(settings, options, notes),
        .. DjangoCaches.Make(settings, options, notes),
        .. DjangoEmail.Make(settings, notes),
    ];

    private protected override (string Host, int Port)? StatsdAddress(SettingsView settings, ICollection<string> notes) =>
        StatsdAddress(settings.GetString("STATSD_HOST"), settings["STATSD_PORT"], "STATSD_HOST", notes);
}
