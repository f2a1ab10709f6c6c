using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Cli;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Services;
using ConnCheck.Tests.Checks;
using ConnCheck.Tests.Checks.Http;
using ConnCheck.Tests.Cli;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Services;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// Generate with --secrets-as-env, then run the file against the real servers of
/// <c>scripts/test-servers.sh</c> (PostgreSQL, MariaDB, memcached, Redis, Apache) with the variables set:
/// the file holds no password, and every check passes.
/// </summary>
public sealed class SecretsRoundTripTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly IReadOnlyDictionary<string, string> _postgres = TestServer.Settings("postgres");
    private readonly IReadOnlyDictionary<string, string> _mariadb = TestServer.Settings("mariadb");
    private readonly IReadOnlyDictionary<string, string> _memcached = TestServer.Settings("memcached");
    private readonly IReadOnlyDictionary<string, string> _redis = TestServer.Settings("redis");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Django_GeneratedWithReferences_RunsWithTheVariablesSet()
    {
        _directory.Write("roundtrip_settings.py", $$"""
            DATABASES = {
                'default': {
                    'ENGINE': 'django.db.backends.postgresql',
                    'HOST': {{Py(_postgres["HOST"])}}, 'PORT': {{_postgres["PORT"]}}, 'NAME': {{Py(_postgres["DATABASE"])}},
                    'USER': {{Py(_postgres["USER"])}}, 'PASSWORD': {{Py(_postgres["PASSWORD"])}},
                },
                'legacy': {
                    'ENGINE': 'django.db.backends.mysql',
                    'HOST': {{Py(_mariadb["HOST"])}}, 'PORT': {{Py(_mariadb["PORT"])}}, 'NAME': {{Py(_mariadb["DATABASE"])}},
                    'USER': {{Py(_mariadb["USER"])}}, 'PASSWORD': {{Py(_mariadb["PASSWORD"])}},
                },
            }
            CACHES = {
                'default': {
                    'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache',
                    'LOCATION': {{Py($"{_memcached["HOST"]}:{_memcached["PORT"]}")}},
                },
                'sessions': {
                    'BACKEND': 'django.core.cache.backends.redis.RedisCache',
                    'LOCATION': {{Py($"redis://:{Uri.EscapeDataString(_redis["PASSWORD"])}@{_redis["HOST"]}:{_redis["PORT"]}/0")}},
                },
            }
            """);

        var run = await AppRun.RunAsync("configs", "django", "-m", "roundtrip_settings", "--pythonpath", _directory.Path, "--python", TestPython.Path, "--secrets-as-env", "-f", OutputPath);

        await AssertRoundTripAsync(
            run,
            new Dictionary<string, string>
            {
                ["DATABASES_DEFAULT_PASSWORD"] = _postgres["PASSWORD"],
                ["DATABASES_LEGACY_PASSWORD"] = _mariadb["PASSWORD"],
                ["CACHES_SESSIONS_PASSWORD"] = _redis["PASSWORD"],
            },
            "django",
            ["postgres:", "mysql:", "memcache:", "redis:"]);
    }

    [Fact]
    public async Task DotNet_GeneratedWithReferences_RunsWithTheVariablesSet()
    {
        var appSettings = Path.Combine(_directory.Path, _directory.Write("appsettings.json", $$"""
            {
              "ConnectionStrings": {
                "Postgres": "Host={{_postgres["HOST"]}};Port={{_postgres["PORT"]}};Database={{_postgres["DATABASE"]}};Username={{_postgres["USER"]}};Password=wrong-in-the-file",
                "MySql": "Server={{_mariadb["HOST"]}};Port={{_mariadb["PORT"]}};Database={{_mariadb["DATABASE"]}};User ID={{_mariadb["USER"]}};Password={{_mariadb["PASSWORD"]}}",
                "Redis": "{{_redis["HOST"]}}:{{_redis["PORT"]}},password={{_redis["PASSWORD"]}}"
              }
            }
            """));
        var environment = AppEnvironment.System with
        {
            // The application's environment overrides the file, as its host would let it.
            Variables = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = $"Host={_postgres["HOST"]};Port={_postgres["PORT"]};Database={_postgres["DATABASE"]};Username={_postgres["USER"]};Password={_postgres["PASSWORD"]}",
            },
        };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var code = await ConnCheckApp.RunAsync(["configs", "dotnet", "--appsettings", appSettings, "--secrets-as-env", "-f", OutputPath], stdout, stderr, environment, bound.Token);

        await AssertRoundTripAsync(
            new AppRun(code, stdout.ToString(), stderr.ToString()),
            new Dictionary<string, string>
            {
                ["CONNECTIONSTRINGS_MYSQL_PASSWORD"] = _mariadb["PASSWORD"],
                ["CONNECTIONSTRINGS_POSTGRES_PASSWORD"] = _postgres["PASSWORD"],
                ["CONNECTIONSTRINGS_REDIS_PASSWORD"] = _redis["PASSWORD"],
            },
            "dotnet",
            ["mysql:", "postgres:", "redis:"]);
    }

    [Fact]
    public async Task DotNet_UrlSecretsAsReferences_TheRequestsCarryThem()
    {
        var http = new TestServers();
        await http.InitializeAsync();
        var (basic, record) = (TestServers.NewToken(), TestServers.NewToken());
        var (apiKey, userToken, accessToken) = ($"key-{TestServers.NewToken()}", $"ghp_{TestServers.NewToken()}", $"at-{TestServers.NewToken()}");
        var authority = $"127.0.0.1:{http.ApacheHttpPort}";
        var appSettings = Path.Combine(_directory.Path, _directory.Write("appsettings.json", $$"""
            {
              "Basic": { "BaseUrl": "http://{{http.BasicUser}}:{{Uri.EscapeDataString(http.BasicPassword)}}@{{authority}}{{http.BasicPath(basic)}}?api_key={{apiKey}}&page=1" },
              "Record": { "BaseUrl": "http://{{userToken}}@{{authority}}{{http.RecordPath(record)}}?access_token={{accessToken}}&page=2" }
            }
            """));

        var run = await AppRun.RunAsync("configs", "dotnet", "--appsettings", appSettings, "--secrets-as-env", "-f", OutputPath);

        await AssertRoundTripAsync(
            run,
            new Dictionary<string, string>
            {
                ["BASIC_BASEURL_PASSWORD"] = Uri.EscapeDataString(http.BasicPassword),
                ["BASIC_BASEURL_API_KEY"] = apiKey,
                ["RECORD_BASEURL_TOKEN"] = userToken,
                ["RECORD_BASEURL_ACCESS_TOKEN"] = accessToken,
            },
            "dotnet",
            ["http:", "http:"]);
        Assert.Equal($"api_key={apiKey}&page=1", http.RequestWith(basic).Query);
        Assert.Equal($"access_token={accessToken}&page=2", http.RequestWith(record).Query);
    }

    private string OutputPath => Path.Combine(_directory.Path, "conn-check.yaml");

    private static string Py(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private async Task AssertRoundTripAsync(AppRun run, Dictionary<string, string> variables, string generator, string[] kinds)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            $"conn-check configs {generator}: conn-check needs these environment variables set to run this file: {string.Join(" ", variables.Keys)}",
            run.StderrLines[^1]);
        var yaml = await File.ReadAllTextAsync(OutputPath);
        Assert.All(variables, v => Assert.DoesNotContain(v.Value, yaml, StringComparison.Ordinal));

        // Without the variables the file does not load, and says which is missing.
        var unset = Assert.Throws<ConfigurationException>(() =>
            ConfigurationLoader.Load(yaml, OutputPath, new EnvironmentExpander(_ => null), ServiceCheckTypes.Table));
        Assert.Contains($"environment variable {variables.Keys.First()} is not set", unset.Errors[0].Problem, StringComparison.Ordinal);

        var configuration = ConfigurationLoader.Load(yaml, OutputPath, new EnvironmentExpander(name => variables.GetValueOrDefault(name)), ServiceCheckTypes.Table);
        var collector = new ResultCollector();
        var runner = new CheckRunner(new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await runner.RunAsync(configuration.Checks, new RunOptions(), collector, bound.Token);

        Assert.Equal(kinds.Length, configuration.Checks.Count);
        Assert.All(kinds, kind => Assert.Contains(collector.Results, r => r.Name.StartsWith(kind, StringComparison.Ordinal)));
        Assert.All(collector.Results, r => Assert.True(r.Status == ResultStatus.Ok, $"{r.Name}: {r.Status} {r.Message}"));
    }
}
