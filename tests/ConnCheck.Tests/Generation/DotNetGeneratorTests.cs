using ConnCheck.Generation;
using ConnCheck.Generation.DotNet;
using ConnCheck.Tests.EndToEnd;
using Microsoft.Extensions.Configuration;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// .NET configuration: appsettings layering (the environment's file, then environment variables,
/// given to the generator rather than taken from this process) and each kind of connection string.
/// </summary>
public sealed class DotNetGeneratorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadSettings_EnvironmentFileThenVariables_LaterLayersWin()
    {
        _directory.Write("appsettings.json", """
            {
              // Comments and trailing commas, as the JSON provider allows.
              "ConnectionStrings": {
                "Postgres": "Host=db.base;Database=app;Username=app;Password=base",
                "MySqlOrders": "Server=orders.base;Port=3306;Database=orders;User ID=orders;Password=base",
              },
              "Statsd": { "Host": "stats.base", "Port": "8125" }
            }
            """);
        _directory.Write("appsettings.Staging.json", """
            { "ConnectionStrings": { "Postgres": "Host=db.staging;Database=app;Username=app;Password=staging" }, "Statsd": { "Port": 9125 } }
            """);
        _directory.Write("appsettings.Production.json", """
            { "ConnectionStrings": { "Postgres": "Host=db.production;Database=app;Username=app;Password=production" } }
            """);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["ConnectionStrings__MySqlOrders"] = "Server=orders.env;Port=3307;Database=orders;User ID=orders;Password=env",
            ["STATSD__HOST"] = "stats.env",
        };

        var checks = await ChecksAsync(new GeneratorOptions { AppSettingsFiles = [Path.Combine(_directory.Path, "appsettings.json")], Environment = environment });

        Assert.Equal(
            [
                "mysql: database='orders', host='orders.env', password='env', port=3307, username='orders'",
                "postgres: database='app', host='db.staging', password='staging', port=5432, username='app'",
                "udp: expect='', host='stats.env', port=9125, send='conncheck.test:1|c'",
            ],
            checks);
    }

    [Fact]
    public async Task ReadSettings_EnvironmentOption_WinsOverTheVariables()
    {
        _directory.Write("appsettings.json", """{ "ConnectionStrings": { "Postgres": "Host=db.base;Database=app;Username=app;Password=p" } }""");
        _directory.Write("appsettings.Development.json", """{ "ConnectionStrings": { "Postgres": "Host=db.dev;Database=app;Username=app;Password=p" } }""");

        var checks = await ChecksAsync(new GeneratorOptions
        {
            AppSettingsFiles = [Path.Combine(_directory.Path, "appsettings.json")],
            EnvironmentName = "Development",
            Environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production" },
        });

        Assert.Equal(["postgres: database='app', host='db.dev', password='p', port=5432, username='app'"], checks);
    }

    [Fact]
    public async Task ReadSettings_SeveralFiles_LayeredInOrder()
    {
        _directory.Write("a.json", """{ "ConnectionStrings": { "Cache": "cache.a:6379" }, "Api": { "BaseUrl": "https://api.a/" } }""");
        _directory.Write("b.json", """{ "Api": { "BaseUrl": "https://api.b/" } }""");

        var checks = await ChecksAsync(new GeneratorOptions
        {
            AppSettingsFiles = [Path.Combine(_directory.Path, "a.json"), Path.Combine(_directory.Path, "b.json")],
            Environment = new Dictionary<string, string>(),
        });

        Assert.Equal(["redis: host='cache.a', port=6379", "http: url='https://api.b/'"], checks);
    }

    [Fact]
    public async Task ReadSettings_AzureConnectionStringPrefixes_ReadAsConnectionStrings()
    {
        var checks = await ChecksAsync(new GeneratorOptions
        {
            AppSettingsFiles = [_directory.Write("appsettings.json", "{}") is var name ? Path.Combine(_directory.Path, name) : ""],
            Environment = new Dictionary<string, string>
            {
                // The provider names say which driver; the keys alone would not.
                ["POSTGRESQLCONNSTR_Main"] = "Host=pg;Database=app;Username=u;Password=p",
                ["MYSQLCONNSTR_Legacy"] = "Host=my;Database=app;Username=u;Password=p",
            },
        });

        Assert.Equal(
            [
                "mysql: database='app', host='my', password='p', port=3306, username='u'",
                "postgres: database='app', host='pg', password='p', port=5432, username='u'",
            ],
            checks);
    }

    [Fact]
    public async Task ReadSettings_MissingFile_SettingsException()
    {
        var missing = Path.Combine(_directory.Path, "nope.json");

        var error = await Assert.ThrowsAsync<SettingsException>(() => new DotNetGenerator().ReadSettingsAsync(new GeneratorOptions { AppSettingsFiles = [missing] }));

        Assert.Equal($"cannot read {missing}: no such file", error.Message);
    }

    [Fact]
    public async Task ReadSettings_NotJson_SettingsExceptionNamingTheFile()
    {
        var path = Path.Combine(_directory.Path, _directory.Write("appsettings.json", "{ \"ConnectionStrings\": "));

        var error = await Assert.ThrowsAsync<SettingsException>(() => new DotNetGenerator().ReadSettingsAsync(new GeneratorOptions { AppSettingsFiles = [path], Environment = new Dictionary<string, string>() }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=pg1,pg2:5433;Database=app;Username=u;Password=p;SSL Mode=Require", "postgres: database='app', host='pg1', password='p', port=5432, sslmode='require', username='u'|postgres: database='app', host='pg2', password='p', port=5433, sslmode='require', username='u'")]
    [InlineData("Host=/var/run/postgresql;Database=app;Username=u;Password=p", "")]
    [InlineData("Host=pg;Username=u;Password=p", "postgres: database='u', host='pg', password='p', port=5432, username='u'")]
    [InlineData("postgres://u:p%40ss@pg.internal:6432/app", "postgres: database='app', host='pg.internal', password='p@ss', port=6432, username='u'")]
    public void Generate_PostgresConnectionStrings(string connectionString, string expected) =>
        AssertChecks("Postgres", connectionString, expected);

    [Theory]
    [InlineData("Server=my1,my2;Port=3307;Database=orders;User ID=o;Password=p;SslMode=VerifyFull", "mysql: database='orders', host='my1', password='p', port=3307, sslmode='verify-identity', username='o'|mysql: database='orders', host='my2', password='p', port=3307, sslmode='verify-identity', username='o'")]
    [InlineData("Server=/run/mysqld/mysqld.sock;Protocol=Unix;Database=orders;User ID=o;Password=p", "")]
    [InlineData("mysql://o:p@my.internal/orders", "mysql: database='orders', host='my.internal', password='p', port=3306, username='o'")]
    public void Generate_MySqlConnectionStrings(string connectionString, string expected) =>
        AssertChecks("MySql", connectionString, expected);

    [Theory]
    [InlineData("r1:6380,r2,password=rp,abortConnect=false", "redis: host='r1', password='rp', port=6380|redis: host='r2', password='rp', port=6379")]
    [InlineData("r1,user=app,password=rp", "redis: host='r1', password='rp', port=6379, username='app'")]
    [InlineData("r1:6390,ssl=true,password=rp", "redis: host='r1', password='rp', port=6390, use_tls=true")]
    [InlineData("10.0.0.5:6380,ssl=true,sslHost=cache.example,password=rp", "redis: host='10.0.0.5', password='rp', port=6380, server_name='cache.example', use_tls=true")]
    [InlineData("localhost", "redis: host='localhost', port=6379")]
    public void Generate_RedisConfigurations(string connectionString, string expected) =>
        AssertChecks("Cache", connectionString, expected);

    [Theory]
    [InlineData("amqp://bus:bp@rabbit.internal/prod", "amqp: host='rabbit.internal', password='bp', port=5672, use_tls=false, username='bus', vhost='prod'")]
    [InlineData("amqps://rabbit.internal", "amqp: host='rabbit.internal', password='guest', port=5671, use_tls=true, username='guest'")]
    public void Generate_AmqpUris(string connectionString, string expected) =>
        AssertChecks("Bus", connectionString, expected);

    [Theory]
    [InlineData("mongodb://u:p@m1:27018,m2/inventory?authSource=admin", "mongodb: auth_source='admin', database='inventory', host='m1', password='p', port=27018, username='u'|mongodb: auth_source='admin', database='inventory', host='m2', password='p', port=27017, username='u'")]
    [InlineData("mongodb://m1", "mongodb: host='m1', port=27017")]
    [InlineData("mongodb+srv://u:p@cluster.example/db", "")]
    public void Generate_MongoUris(string connectionString, string expected) =>
        AssertChecks("Mongo", connectionString, expected);

    [Fact]
    public void Generate_PostgresOrMySqlUnclear_NoCheckAndANote()
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings("Default", "Host=db;Database=app;User ID=u;Password=p"), null, notes);

        Assert.Empty(checks);
        Assert.Equal(["ConnectionStrings:Default: PostgreSQL or MySQL? Name the key after it (Postgres, MySql), or give the Port; no check"], notes);
    }

    [Theory]
    [InlineData("Host=db;Port=5432;Database=app;Username=u;Password=p", "postgres")]
    [InlineData("Host=db;Port=3306;Database=app;Username=u;Password=p", "mysql")]
    [InlineData("Host=db;Database=app;Username=u;Password=p;Include Error Detail=true", "postgres")]
    [InlineData("Server=db;Database=app;Uid=u;Pwd=p;AllowUserVariables=true", "mysql")]
    public void Generate_UnnamedDatabaseString_KindFromThePortOrAKeyword(string connectionString, string type)
    {
        var checks = Generate.Checks(new DotNetGenerator(), Settings("Default", connectionString));

        Assert.StartsWith(type + ":", Assert.Single(checks), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Database=app;Username=u;Password=p", "postgres", "ConnectionStrings:Default: taken for PostgreSQL, by its keywords (Host, Username); if it is MySQL, name the key after it (MySql) or give the Port")]
    [InlineData("Server=db;Database=app;Uid=u;Pwd=p", "mysql", "ConnectionStrings:Default: taken for MySQL, by its keywords (Server, User ID); if it is PostgreSQL, name the key after it (Postgres) or give the Port; if SQL Server, which has no check, name the key after it (SqlServer)")]
    public void Generate_CommonKeywordsOnly_KindFromTheDriversDocumentedStyleWithANote(string connectionString, string type, string note)
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings("Default", connectionString), null, notes);

        Assert.StartsWith(type + ":", Assert.Single(checks), StringComparison.Ordinal);
        Assert.Equal([note], notes);
    }

    [Fact]
    public void Generate_SqlServer_NoCheckAndANote()
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings("Sql", "Server=tcp:sql.internal,1433;Initial Catalog=app;Integrated Security=true;TrustServerCertificate=true"), null, notes);

        Assert.Empty(checks);
        Assert.Single(notes);
    }

    [Theory]
    [InlineData("Garbage", "ConnectionStrings:Garbage: not a connection string conn-check knows (keyword=value pairs, a URL, or Redis host:port endpoints); no check")]
    [InlineData("Redis", "ConnectionStrings:Redis: 'this is not a connection string' is not a host name or address; no check")]
    [InlineData("Postgres", "ConnectionStrings:Postgres: not a PostgreSQL connection string (Format of the initialization string does not conform to specification starting at index 0.); no check")]
    public void Generate_NotAConnectionString_NoCheckAndANote(string name, string note)
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings(name, "this is not a connection string"), null, notes);

        Assert.Empty(checks);
        Assert.Equal([note], notes);
    }

    [Theory]
    [InlineData("Server=tcp:sql.internal,1433;Database=x;User Id=sa;Password=Pass@word", "by its Server=tcp:sql.internal,1433", "; a tcp check of sql.internal:1433 would show that it is reachable")]
    [InlineData("Server=sqldata;Database=CatalogDb;User Id=sa;Password=Pass@word;TrustServerCertificate=true", "by its TrustServerCertificate", "; a tcp check of sqldata:1433 would show that it is reachable")]
    [InlineData("Server=sql.internal,14330;Database=x;User Id=sa;Password=Pass@word", "by its Server=sql.internal,14330", "; a tcp check of sql.internal:14330 would show that it is reachable")]
    [InlineData("Data Source=sqldata;Initial Catalog=x;User Id=sa;Password=Pass@word", "by its Initial Catalog", "; a tcp check of sqldata:1433 would show that it is reachable")]
    [InlineData("Server=sqldata\\SQLEXPRESS;Database=x;User Id=sa;Password=Pass@word", "by its Server=sqldata\\SQLEXPRESS", "")]
    [InlineData("Server=(localdb)\\mssqllocaldb;Database=x;Trusted_Connection=True;MultipleActiveResultSets=true", "by its Server=(localdb)\\mssqllocaldb", "")]
    [InlineData("Server=np:\\\\sqldata\\pipe\\sql\\query;Database=x;Integrated Security=SSPI", "by its Server=np:\\\\sqldata\\pipe\\sql\\query", "")]
    public void Generate_SqlServerString_NoCheckAndANoteNamingTheKeyAndWhy(string connectionString, string why, string tcp)
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings("CatalogDb", connectionString), null, notes);

        Assert.Empty(checks);
        Assert.Equal([$"ConnectionStrings:CatalogDb: a SQL Server connection string ({why}), and conn-check has no SQL Server check{tcp}; no check"], notes);
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("MsSqlOrders")]
    public void Generate_KeyNamedAfterSqlServer_NoCheckAndANote(string name)
    {
        var notes = new List<string>();

        // Server and User Id alone read as MySQL: the key's name says otherwise.
        var checks = Generate.Checks(new DotNetGenerator(), Settings(name, "Server=sqldata;Database=x;User Id=sa;Password=Pass@word"), null, notes);

        Assert.Empty(checks);
        Assert.Equal([$"ConnectionStrings:{name}: a SQL Server connection string (by its name), and conn-check has no SQL Server check; a tcp check of sqldata:1433 would show that it is reachable; no check"], notes);
    }

    [Theory]
    [InlineData("Server=pg;Database=x;User Id=u;Password=p;Trust Server Certificate=true;Port=5432", "postgres")]
    [InlineData("Host=pg;Database=x;Username=u;Password=p;Trust Server Certificate=true", "postgres")]
    [InlineData("Server=my;Port=3306;Database=x;User Id=u;Password=p", "mysql")]
    public void Generate_SharedKeywordsWithAPortOrHost_NotTakenForSqlServer(string connectionString, string type)
    {
        var checks = Generate.Checks(new DotNetGenerator(), Settings("Default", connectionString));

        Assert.StartsWith(type + ":", Assert.Single(checks), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Default", "Data Source=app.db")]
    [InlineData("Default", "Data Source=:memory:")]
    [InlineData("Sqlite", "Data Source=/var/lib/app/store")]
    public void Generate_SqliteString_NoCheckAndANote(string name, string connectionString)
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings(name, connectionString), null, notes);

        Assert.Empty(checks);
        Assert.Equal([$"ConnectionStrings:{name}: a SQLite database, a file rather than a server; no check"], notes);
    }

    [Fact]
    public void Generate_RedisWithSsl_RedisCheckOverTlsWithThePasswordAndNoNote()
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings("Redis", "basket-redis:6380,ssl=True,password=R3disPassw0rd,abortConnect=False"), null, notes);

        Assert.Equal(["redis: host='basket-redis', password='R3disPassw0rd', port=6380, use_tls=true"], checks);
        Assert.Empty(notes);
    }

    [Theory]
    [InlineData("/var/run/redis/redis.sock", "Redis")]
    [InlineData("Host=/var/run/postgresql;Database=app;Username=u;Password=p", "Postgres")]
    [InlineData("Server=/run/mysqld/mysqld.sock;Protocol=Unix;Database=orders;User ID=o;Password=p", "MySql")]
    [InlineData("mongodb://%2Ftmp%2Fmongodb-27017.sock/db", "Mongo")]
    public void Generate_UnixSocket_NoCheckAndANote(string connectionString, string name)
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), Settings(name, connectionString), null, notes);

        Assert.Empty(checks);
        Assert.Contains(notes, note => note.StartsWith($"ConnectionStrings:{name}: ", StringComparison.Ordinal) && note.Contains("Unix socket", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_ConnectionStringsOutsideTheSection_ANoteEach()
    {
        var settings = SettingsView.FromJson("""
            {
              "ConnectionString": "Server=tcp:127.0.0.1,5433;Initial Catalog=CatalogDb;User Id=sa;Password=Pass@word",
              "EventBus": { "ConnectionString": "amqp://rabbitmq" },
              "Storage": { "BlobConnectionString": "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k" },
              "MY_CONNECTIONSTRING": "not a .NET key",
              "Empty": { "ConnectionString": "" }
            }
            """);
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), settings, null, notes);

        Assert.Empty(checks);
        Assert.Equal(
            [
                "ConnectionString: outside ConnectionStrings, nothing says what it connects to (to have it checked, run configs with ConnectionStrings__NAME set to it, NAME naming the service: Postgres, MySql, Redis, ...); no check",
                "EventBus:ConnectionString: outside ConnectionStrings, nothing says what it connects to (to have it checked, run configs with ConnectionStrings__NAME set to it, NAME naming the service: Postgres, MySql, Redis, ...); no check",
                "Storage:BlobConnectionString: outside ConnectionStrings, nothing says what it connects to (to have it checked, run configs with ConnectionStrings__NAME set to it, NAME naming the service: Postgres, MySql, Redis, ...); no check",
            ],
            notes);
    }

    [Fact]
    public void Generate_SectionUnderConnectionStrings_ANote()
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), SettingsView.FromJson("""{ "ConnectionStrings": { "Db": { "Host": "db" }, "Blank": "  ", "Empty": "" } }"""), null, notes);

        Assert.Empty(checks);
        Assert.Equal(["ConnectionStrings:Db: a section, not a connection string; no check"], notes);
    }

    [Theory]
    [InlineData("Host=db;Port=notaport;Database=app;Username=u;Password=Hunter2Secret", "Postgres")]
    [InlineData("Server=db;Port=3306;Database=app;User ID=u;Password=Hunter2Secret;SslMode=Sometimes", "MySql")]
    [InlineData("Server=db;Database=app;User ID=u;Password='Hunter2Secret;Oops", "Default")]
    [InlineData("db:6379,password=Hunter2Secret,ssl=maybe", "Redis")]
    [InlineData("mongodb://u:Hunter2Secret@db:99999/app", "Mongo")]
    [InlineData("mongodb://u:Hunter2Secret@/app", "Mongo")]
    [InlineData("amqp://u:Hunter2Secret@/", "Bus")]
    [InlineData("postgres://u:Hunter2Secret@/app", "Pg")]
    [InlineData("Server=tcp:db,1433;Password=Hunter2Secret;User Id=sa", "Sql")]
    public void Generate_StringThatMakesNoCheck_NoteNeverHoldsItsPassword(string connectionString, string name)
    {
        var notes = new List<string>();

        Generate.Checks(new DotNetGenerator(), Settings(name, connectionString), null, notes);

        var note = Assert.Single(notes);
        Assert.StartsWith($"ConnectionStrings:{name}: ", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2Secret", note, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Redactor_ConnectionStringSecrets_MaskedInAnyNote()
    {
        var redactor = ConnectionStringSecrets.RedactorFor("Server=db;Password='p;w0rd!';AccountKey=Zm9vYmFy;x=1");

        Assert.Equal(
            "cannot read Password='***' or AccountKey=***",
            redactor.Redact("cannot read Password='p;w0rd!' or AccountKey=Zm9vYmFy"));
    }

    [Fact]
    public void Generate_NonHttpUrlUnderAUrlKey_ANote()
    {
        var notes = new List<string>();

        var checks = Generate.Checks(new DotNetGenerator(), SettingsView.FromJson("""{ "Ftp": { "DownloadUrl": "ftp://files.internal/" }, "Relative": { "BaseUrl": "/api" } }"""), null, notes);

        Assert.Empty(checks);
        Assert.Equal(["Ftp:DownloadUrl: only http(s) URLs outside ConnectionStrings make checks (a ftp:// URL is checked under ConnectionStrings); no check"], notes);
    }

    [Fact]
    public void Generate_UrlKeys_HttpChecksOnlyForAbsoluteHttpUrlsUnderUrlKeys()
    {
        var settings = SettingsView.FromJson("""
            {
              "Billing": { "BaseUrl": "https://billing.internal/api/", "Timeout": "https://not-a-url-key/" },
              "Search": { "Endpoints": { "PrimaryUri": "http://search.internal:9200" }, "url": "http://search.internal:9200" },
              "Client": { "BaseAddress": "https://client.internal/" },
              "Relative": { "BaseUrl": "/api" },
              "Ftp": { "DownloadUrl": "ftp://files.internal/" },
              "GITHUB_SERVER_URL": "https://github.com"
            }
            """);

        var checks = Generate.Checks(new DotNetGenerator(), settings);

        Assert.Equal(
            [
                "http: url='https://billing.internal/api/'",
                "http: url='http://search.internal:9200'",
                "http: url='https://client.internal/'",
            ],
            checks);
    }

    [Fact]
    public void Generate_SecretsAsEnvironment_PasswordsNamedAfterTheirKeys()
    {
        var settings = SettingsView.FromJson("""
            {
              "ConnectionStrings": { "Db": "Host=db;Port=5432;Database=app;Username=u;Password=p", "Cache": "r1,password=rp" },
              "Billing": { "BaseUrl": "https://svc:sp@billing.internal/" }
            }
            """);

        var checks = Generate.Checks(new DotNetGenerator(), settings, new GeneratorOptions { SecretsAsEnvironment = true });

        Assert.Equal(
            [
                "postgres: database='app', host='db', password='${CONNECTIONSTRINGS_DB_PASSWORD}', port=5432, username='u'",
                "redis: host='r1', password='${CONNECTIONSTRINGS_CACHE_PASSWORD}', port=6379",
                "http: url='https://svc:${BILLING_BASEURL_PASSWORD}@billing.internal/'",
            ],
            checks);
    }

    private static void AssertChecks(string name, string connectionString, string expected)
    {
        var checks = Generate.Checks(new DotNetGenerator(), Settings(name, connectionString));

        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), checks);
    }

    private static SettingsView Settings(string name, string connectionString) =>
        SettingsView.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([new($"ConnectionStrings:{name}", connectionString)])
            .Build());

    private async Task<IReadOnlyList<string>> ChecksAsync(GeneratorOptions options)
    {
        var generator = new DotNetGenerator();
        return Generate.Checks(generator, await generator.ReadSettingsAsync(options), options);
    }
}
