using ConnCheck.Cli;
using ConnCheck.Configuration;
using ConnCheck.Tests.Cli;
using ConnCheck.Tests.Configuration;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// <c>conn-check configs</c> never drops a setting silently (issue 12): every connection string or URL
/// that makes no check is one line on standard error, naming the key and why, never its password; and
/// what it does write loads with <c>--validate</c>.
/// </summary>
public sealed class ConfigsNotesTests : IDisposable
{
    /// <summary>What the eShop-style settings of testdata/configs/eshop make: the checks, and a note for each string left out.</summary>
    internal static readonly string[] EShopChecks =
    [
        "amqp: host='rabbitmq', password='Rabb1tPassw0rd', port=5672, use_tls=false, username='eshop'",
        "redis: host='basket-redis', password='R3disPassw0rd', port=6380, use_tls=true",
        "postgres: database='webhooksdb', host='postgres', password='PgPassw0rd', port=5432, username='eshop'",
        "http: url='http://identity-api'",
        "http: url='http://localhost:5101/api/v1/catalog/items/[0]/pic/'",
    ];

    internal static readonly string[] EShopNotes =
    [
        "conn-check configs dotnet: ConnectionStrings:Broken: not a connection string conn-check knows (keyword=value pairs, a URL, or Redis host:port endpoints); no check",
        "conn-check configs dotnet: ConnectionStrings:CatalogDb: a SQL Server connection string (by its TrustServerCertificate), and conn-check has no SQL Server check; a tcp check of sqldata:1433 would show that it is reachable; no check",
        "conn-check configs dotnet: ConnectionStrings:Marketing: a mongodb+srv:// URL takes its hosts from DNS SRV records; list the hosts in a mongodb:// URL to have them checked; no check",
        "conn-check configs dotnet: ConnectionStrings:OrderingDb: a SQL Server connection string (by its Server=tcp:sqldata,1433), and conn-check has no SQL Server check; a tcp check of sqldata:1433 would show that it is reachable; no check",
        "conn-check configs dotnet: ConnectionString: outside ConnectionStrings, nothing says what it connects to (to have it checked, run configs with ConnectionStrings__NAME set to it, NAME naming the service: Postgres, MySql, Redis, ...); no check",
    ];

    /// <summary>The passwords of the strings that make no check: no note may hold one.</summary>
    internal static readonly string[] EShopUncheckedPasswords = ["Pass@word", "M0ngoPassw0rd"];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    internal static string EShopAppSettings => TestFiles.PathOf("configs", "eshop", "appsettings.json");

    [Fact]
    public async Task Configs_EShopAppSettings_ChecksThatValidateAndANoteForEachStringLeftOut()
    {
        var run = await RunAsync(["configs", "dotnet", "--appsettings", EShopAppSettings], new Dictionary<string, string>());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(EShopChecks, YamlData.Checks(run.Stdout));
        Assert.Equal(EShopNotes, run.StderrLines);
        Assert.All(EShopUncheckedPasswords, password => Assert.DoesNotContain(password, run.Stderr, StringComparison.OrdinalIgnoreCase));
        await AssertValidatesAsync(run.Stdout);
    }

    [Fact]
    public async Task Configs_DjangoHostsWithTheirPorts_SplitAndValidate()
    {
        _directory.Write("ports_settings.py", """
            OOPS = {'publishers': [{'type': 'amqp', 'host': 'oops.internal:5673', 'user': 'oops', 'password': 'op', 'vhost': '/'}]}
            BROKER_HOST = '[::1]:5674'
            CACHES = {'default': {'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache', 'LOCATION': '[::1]:11212'}}
            STATSD_HOST = 'stats.internal:9125'
            DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'HOST': 'db.internal:5433', 'NAME': 'app', 'USER': 'u', 'PASSWORD': 'p'}}
            """);

        var run = await RunAsync(["configs", "django", "-m", "ports_settings", "--pythonpath", _directory.Path, "--python", TestPython.Path]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(
            [
                "amqp: host='oops.internal', password='op', port=5673, use_tls=false, username='oops', vhost='/'",
                "amqp: host='::1', password='guest', port=5674, use_tls=false, username='guest'",
                "memcache: host='::1', port=11212",
                "udp: expect='', host='stats.internal', port=9125, send='conncheck.test:1|c'",
            ],
            YamlData.Checks(run.Stdout));
        Assert.Equal(
            ["conn-check configs django: DATABASES['default']: HOST 'db.internal:5433' has a port in it, which the database driver takes as part of the host name: put 5433 in PORT; no check"],
            run.StderrLines);
        await AssertValidatesAsync(run.Stdout);
    }

    [Fact]
    public async Task Configs_NotAConnectionString_NoCheckForValidateToAccept()
    {
        var appSettings = Path.Combine(_directory.Path, _directory.Write("appsettings.json", """
            { "ConnectionStrings": { "Default": "this is not a connection string", "Cache": "this is not one either" } }
            """));

        var run = await RunAsync(["configs", "dotnet", "--appsettings", appSettings], new Dictionary<string, string>());

        // An empty list: a file that loads and runs nothing.
        Assert.Equal((0, "[]\n"), (run.ExitCode, run.Stdout));
        Assert.Equal(
            [
                "conn-check configs dotnet: ConnectionStrings:Cache: not a connection string conn-check knows (keyword=value pairs, a URL, or Redis host:port endpoints); no check",
                "conn-check configs dotnet: ConnectionStrings:Default: not a connection string conn-check knows (keyword=value pairs, a URL, or Redis host:port endpoints); no check",
            ],
            run.StderrLines);
    }

    private async Task AssertValidatesAsync(string yaml)
    {
        var path = Path.Combine(_directory.Path, "generated.yaml");
        await File.WriteAllTextAsync(path, yaml);

        var validate = await AppRun.RunAsync("--validate", path);

        Assert.True((validate.ExitCode, validate.Stderr) == (0, ""), validate.Stderr);

        // --validate ignores what it does not know with a warning; the generated options are all known.
        Assert.Empty(ConfigurationLoader.LoadFile(path, types: AppEnvironment.System.Types).Warnings);
    }

    private static async Task<AppRun> RunAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await ConnCheckApp.RunAsync(args, stdout, stderr, AppEnvironment.System with { Variables = variables }, bound.Token);
        return new AppRun(code, stdout.ToString(), stderr.ToString());
    }
}
