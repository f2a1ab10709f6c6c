using ConnCheck.Generation;

namespace ConnCheck.Tests.Generation;

/// <summary>DATABASES, as SPEC A9 maps it: engines, Unix sockets, -d, default ports.</summary>
public sealed class DjangoDatabasesTests
{
    [Theory]
    [InlineData("django.db.backends.postgresql_psycopg2", "postgres")]
    [InlineData("django.db.backends.postgresql", "postgres")]
    [InlineData("django.contrib.gis.db.backends.postgis", "postgres")]
    [InlineData("django.db.backends.mysql", "mysql")]
    public void Generate_Engine_CheckOfThatType(string engine, string type)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$$$"""
            {"DATABASES": {"default": {"ENGINE": "{{{{engine}}}}", "HOST": "db.internal", "PORT": "6000", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        Assert.Empty(notes);
        Assert.Equal([$"{type}: database='app', host='db.internal', password='p', port=6000, username='u'"], checks);
    }

    [Fact]
    public void Generate_OracleEngine_WrittenAsOracleWithANote()
    {
        var notes = new List<string>();
        var checks = new DjangoGenerator().Generate(
            SettingsView.FromJson("""{"DATABASES": {"ora": {"ENGINE": "django.db.backends.oracle", "HOST": "ora.internal", "NAME": "orcl", "USER": "u", "PASSWORD": "p"}}}"""),
            new GeneratorOptions(),
            notes);

        var check = Assert.Single(checks);
        Assert.Equal("oracle", check.Type);
        Assert.Equal(1521, check["port"]);
        Assert.Equal(["DATABASES['ora']: conn-check has no oracle check type; the file will not load until that check is changed (to tcp, say) or removed"], notes);
    }

    [Fact]
    public void Generate_FileAndDummyEngines_NoCheckNoNote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"DATABASES": {
              "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/var/lib/app/db.sqlite3"},
              "other": {"ENGINE": "django.db.backends.dummy"}}}
            """);

        Assert.Empty(checks);
        Assert.Empty(notes);
    }

    [Fact]
    public void Generate_UnknownEngine_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"DATABASES": {"default": {"ENGINE": "mssql", "HOST": "sql.internal", "NAME": "app", "USER": "sa", "PASSWORD": "Pass@word"}}}
            """);

        Assert.Empty(checks);
        Assert.Equal(["DATABASES['default']: conn-check has no check for ENGINE mssql (it checks PostgreSQL, MySQL and Oracle); no check"], notes);
    }

    [Fact]
    public void Generate_UnixSocketHost_SkippedWithANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"DATABASES": {
              "socket": {"ENGINE": "django.db.backends.postgresql", "HOST": "/var/run/postgresql", "NAME": "app", "USER": "u", "PASSWORD": "p"},
              "tcp": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.internal", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        Assert.Equal(["postgres: database='app', host='db.internal', password='p', port=5432, username='u'"], checks);
        Assert.Equal(["DATABASES['socket']: HOST is a Unix socket directory, which crosses no network; no check"], notes);
    }

    [Theory]
    [InlineData("django.db.backends.postgresql", "db:5433", "5433")]
    [InlineData("django.db.backends.mysql", "db:3307", "3307")]
    [InlineData("django.db.backends.mysql", "[::1]:3307", "3307")]
    public void Generate_HostWithAPort_NoCheckAndANoteToMoveIt(string engine, string host, string port)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$$$"""
            {"DATABASES": {"default": {"ENGINE": "{{{{engine}}}}", "HOST": "{{{{host}}}}", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        // The drivers read HOST as a host name only: the application itself could not connect.
        Assert.Empty(checks);
        Assert.Equal([$"DATABASES['default']: HOST '{host}' has a port in it, which the database driver takes as part of the host name: put {port} in PORT; no check"], notes);
    }

    [Theory]
    [InlineData("this is not a host")]
    [InlineData("tcp:db")]
    [InlineData("db1,db2")]
    public void Generate_HostNotAHost_NoCheckAndANote(string host)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$$$"""
            {"DATABASES": {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "{{{{host}}}}", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        Assert.Empty(checks);
        Assert.Equal([$"DATABASES['default']: HOST '{host}' is not a host name or address; no check"], notes);
    }

    [Theory]
    [InlineData("::1", "")]
    [InlineData("[::1]", "5433")]
    [InlineData("fe80::1%eth0", "5433")]
    public void Generate_Ipv6Host_TheAddressWithoutBrackets(string host, string port)
    {
        var checks = Generate.Django($$$$"""
            {"DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "{{{{host}}}}", "PORT": "{{{{port}}}}", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        Assert.Equal([$"postgres: database='app', host='{host.Trim('[', ']')}', password='p', port={(port.Length > 0 ? port : "5432")}, username='u'"], checks);
    }

    [Theory]
    [InlineData("5432,5433", "5432", "5433")]
    [InlineData("6432", "6432", "6432")]
    [InlineData("", "5432", "5432")]
    public void Generate_PostgresHostList_OneCheckPerHostWithItsPort(string port, string first, string second)
    {
        var checks = Generate.Django($$$$"""
            {"DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "pg1,pg2", "PORT": "{{{{port}}}}", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        Assert.Equal(
            [
                $"postgres: database='app', host='pg1', password='p', port={first}, username='u'",
                $"postgres: database='app', host='pg2', password='p', port={second}, username='u'",
            ],
            checks);
    }

    [Fact]
    public void Generate_PostgresPortListOfAnotherLength_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "pg1,pg2,pg3", "PORT": "5432,5433", "NAME": "app"}}}
            """);

        Assert.Empty(checks);
        Assert.Equal(["DATABASES['default']: PORT \"5432,5433\" lists 2 ports for 3 hosts; no check"], notes);
    }

    [Fact]
    public void Generate_NoHost_SkippedWithANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"DATABASES": {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        Assert.Empty(checks);
        Assert.Equal(["DATABASES['default']: no HOST, so the client connects through a local Unix socket; no check"], notes);
    }

    [Fact]
    public void Generate_NoName_DatabaseNameOptionUsed()
    {
        var checks = Generate.Django(
            """{"DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "NAME": "", "USER": "u", "PASSWORD": "p"}}}""",
            new GeneratorOptions { DatabaseName = "from_d" });

        Assert.Equal(["postgres: database='from_d', host='db', password='p', port=5432, username='u'"], checks);
    }

    [Fact]
    public void Generate_NameGiven_DatabaseNameOptionIgnored()
    {
        var checks = Generate.Django(
            """{"DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}""",
            new GeneratorOptions { DatabaseName = "from_d" });

        Assert.Contains("database='app'", Assert.Single(checks), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NoPortUserPassword_EngineDefaultPortEmptyLogin()
    {
        // Django's defaults are '' for all three; conn-check wants port, username and password written.
        var checks = Generate.Django("""{"DATABASES": {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "db", "NAME": "app", "PORT": ""}}}""");

        Assert.Equal(["mysql: database='app', host='db', password='', port=3306, username=''"], checks);
    }

    [Fact]
    public void Generate_PostgresSslMode_Written()
    {
        var checks = Generate.Django("""
            {"DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "NAME": "app", "USER": "u", "PASSWORD": "p", "OPTIONS": {"sslmode": "require"}}}}
            """);

        Assert.Equal(["postgres: database='app', host='db', password='p', port=5432, sslmode='require', username='u'"], checks);
    }

    [Fact]
    public void Generate_BadPort_SkippedWithANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""{"DATABASES": {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "PORT": "fivefour", "NAME": "app"}}}""");

        Assert.Empty(checks);
        Assert.Equal(["DATABASES['default']: PORT \"fivefour\" is not a port number; no check"], notes);
    }

    [Fact]
    public void Generate_SecretsAsEnvironment_PasswordNamedAfterTheAlias()
    {
        var checks = Generate.Django(
            """{"DATABASES": {"replica-1": {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}""",
            new GeneratorOptions { SecretsAsEnvironment = true });

        Assert.Equal(["postgres: database='app', host='db', password='${DATABASES_REPLICA_1_PASSWORD}', port=5432, username='u'"], checks);
    }
}
