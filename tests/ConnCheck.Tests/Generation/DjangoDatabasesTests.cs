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
    public void Generate_OtherEngines_NoCheck()
    {
        var checks = Generate.Django("""
            {"DATABASES": {
              "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/var/lib/app/db.sqlite3"},
              "other": {"ENGINE": "django.db.backends.dummy"}}}
            """);

        Assert.Empty(checks);
    }

    [Fact]
    public void Generate_UnixSocketHost_Skipped()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"DATABASES": {
              "socket": {"ENGINE": "django.db.backends.postgresql", "HOST": "/var/run/postgresql", "NAME": "app", "USER": "u", "PASSWORD": "p"},
              "tcp": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.internal", "NAME": "app", "USER": "u", "PASSWORD": "p"}}}
            """);

        Assert.Equal(["postgres: database='app', host='db.internal', password='p', port=5432, username='u'"], checks);
        Assert.Empty(notes);
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
