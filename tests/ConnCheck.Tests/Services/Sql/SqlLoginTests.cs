using ConnCheck.Configuration;
using ConnCheck.Secrets;
using ConnCheck.Services;
using ConnCheck.Services.Mysql;
using ConnCheck.Services.Postgres;
using ConnCheck.Services.Sql;

namespace ConnCheck.Tests.Services.Sql;

/// <summary>The login options the postgres and mysql checks share, and when a login may send the password in cleartext.</summary>
public sealed class SqlLoginTests
{
    public static TheoryData<string> Types => ["postgres", "mysql"];

    [Theory]
    [MemberData(nameof(Types))]
    public void Load_AllowCleartextPasswordOmitted_False(string type)
    {
        Assert.False(Login(Check(type)).AllowCleartextPassword);
    }

    [Theory]
    [InlineData("postgres", "true", true)]
    [InlineData("postgres", "false", false)]
    [InlineData("mysql", "yes", true)]
    [InlineData("mysql", "off", false)]
    public void Load_AllowCleartextPassword_Read(string type, string written, bool expected)
    {
        Assert.Equal(expected, Login(Check(type, $"allow_cleartext_password: {written}")).AllowCleartextPassword);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Load_AllowCleartextPasswordNotABoolean_Error(string type)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Check(type, "allow_cleartext_password: sometimes")));

        Assert.Equal("test.yaml:7:29: allow_cleartext_password must be true or false, not 'sometimes'", Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("REQUIRED", nameof(SqlSslMode.Require))]
    [InlineData("VERIFY_IDENTITY", nameof(SqlSslMode.VerifyFull))]
    [InlineData("disabled", nameof(SqlSslMode.Disable))]
    [InlineData("verify-full", nameof(SqlSslMode.VerifyFull))]
    public void Load_MysqlSslModeMysqlSpelling_Read(string written, string expected)
    {
        Assert.Equal(expected, Login(Check("mysql", $"ssl_mode: {written}")).SslMode.ToString());
    }

    [Fact]
    public void Load_MysqlSslModeUnknownInMysqlSpelling_ErrorNamesItAsWritten()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Check("mysql", "ssl_mode: sometimes")));

        Assert.Equal("test.yaml:7:13: ssl_mode must be one of disable, prefer, require, verify-full, not 'sometimes'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_MysqlBothSpellings_Error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Check("mysql", "sslmode: require", "ssl_mode: REQUIRED")));

        Assert.Equal("test.yaml:8:13: sslmode and ssl_mode are two spellings of one option; give only one", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_PostgresMysqlSpelling_NotAnOptionOfPostgres()
    {
        var loaded = Load(Check("postgres", "ssl_mode: require"));

        Assert.Equal(SqlSslMode.Prefer, Login(loaded).SslMode);
        Assert.Equal("test.yaml:7:3: unknown option 'ssl_mode' for postgres check (ignored); did you mean 'sslmode'?", Assert.Single(loaded.Warnings).ToString());
    }

    [Theory]
    [InlineData("db.example", nameof(SqlSslMode.Disable), false, false)]
    [InlineData("db.example", nameof(SqlSslMode.Prefer), false, false)]
    [InlineData("db.example", nameof(SqlSslMode.Require), false, false)]
    [InlineData("127.0.0.1", nameof(SqlSslMode.Require), false, false)]
    [InlineData("db.example", nameof(SqlSslMode.VerifyFull), false, true)]
    [InlineData("db.example", nameof(SqlSslMode.Prefer), true, true)]
    [InlineData("/run/postgresql", nameof(SqlSslMode.Prefer), false, true)]
    public void MaySendCleartextPassword_OnlyVerifiedLocalOrAllowed(string host, string mode, bool allow, bool expected)
    {
        var login = new SqlLogin(host, 5432, "app", new Secret("pw"), "db", Enum.Parse<SqlSslMode>(mode), allow);

        Assert.Equal(expected, login.MaySendCleartextPassword);
    }

    [Fact]
    public void ToString_NoPassword()
    {
        var login = new SqlLogin("db.example", 5432, "app", new Secret("s3cret-pw"), "db", SqlSslMode.Prefer, AllowCleartextPassword: true);

        Assert.DoesNotContain("s3cret-pw", login.ToString(), StringComparison.Ordinal);
        Assert.Contains("AllowCleartextPassword = True", login.ToString(), StringComparison.Ordinal);
    }

    private static string Check(string type, params string[] extra) =>
        string.Join("\n", [$"- type: {type}", "  host: db.example", "  port: 5432", "  username: app", "  password: s3cret-pw", "  database: appdb", .. extra.Select(line => "  " + line), ""]);

    private static LoadedConfiguration Load(string yaml) => ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table);

    private static SqlLogin Login(string yaml) => Login(Load(yaml));

    private static SqlLogin Login(LoadedConfiguration loaded) => Assert.Single(loaded.Checks) switch
    {
        PostgresCheck postgres => postgres.Login,
        MysqlCheck mysql => mysql.Login,
        var other => throw new InvalidOperationException($"not a database check: {other}"),
    };
}
