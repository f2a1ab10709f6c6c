using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Running;
using ConnCheck.Secrets;
using ConnCheck.Services;
using ConnCheck.Services.Postgres;
using ConnCheck.Services.Sql;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Postgres;

public sealed class PostgresConfigurationTests
{
    private const string Complete = """
        - type: postgres
          host: db.example
          port: 5432
          username: app
          password: s3cret-pw
          database: appdb
        """;

    [Theory]
    [InlineData("host")]
    [InlineData("port")]
    [InlineData("username")]
    [InlineData("password")]
    [InlineData("database")]
    public void Load_RequiredOptionMissing_ErrorNamesIt(string option)
    {
        var yaml = string.Join('\n', Complete.Split('\n').Where(line => !line.TrimStart().StartsWith(option + ":", StringComparison.Ordinal)));

        var error = Assert.Throws<ConfigurationException>(() => Load(yaml));

        Assert.Equal($"test.yaml:1:3: postgres check is missing required option '{option}'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_Complete_OptionsAsWrittenWithPreferTls()
    {
        var check = Assert.IsType<PostgresCheck>(Assert.Single(Load(Complete).Checks));

        Assert.Equal(new SqlLogin("db.example", 5432, "app", new Secret("s3cret-pw"), "appdb", SqlSslMode.Prefer), check.Login);
    }

    [Fact]
    public void Load_PortAsString_Cast()
    {
        var check = Assert.IsType<PostgresCheck>(Assert.Single(Load(Complete.Replace("port: 5432", "port: \"6432\"", StringComparison.Ordinal)).Checks));

        Assert.Equal(6432, check.Login.Port);
    }

    [Fact]
    public void Load_Password_IsASecret()
    {
        Assert.Contains("s3cret-pw", Load(Complete).Secrets);
    }

    [Theory]
    [InlineData("disable", nameof(SqlSslMode.Disable))]
    [InlineData("prefer", nameof(SqlSslMode.Prefer))]
    [InlineData("require", nameof(SqlSslMode.Require))]
    [InlineData("verify-full", nameof(SqlSslMode.VerifyFull))]
    [InlineData("VERIFY_IDENTITY", nameof(SqlSslMode.VerifyFull))]
    [InlineData("''", nameof(SqlSslMode.Prefer))]
    public void Load_SslMode_Read(string written, string expected)
    {
        var check = Assert.IsType<PostgresCheck>(Assert.Single(Load(Complete + $"\n  sslmode: {written}").Checks));

        Assert.Equal(expected, check.Login.SslMode.ToString());
    }

    [Fact]
    public void Load_SslModeUnknown_ErrorListsTheChoices()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Complete + "\n  sslmode: sometimes"));

        Assert.Equal("test.yaml:7:12: sslmode must be one of disable, prefer, require, verify-full, not 'sometimes'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Plan_TcpHost_TcpThenLoginEachWithTcpEgress()
    {
        var plan = Assert.Single(Load(Complete).Checks).Plan();

        Assert.Equal(["tcp:db.example:5432", "postgres:db.example:5432"], plan.Select(s => s.Name));
        Assert.Equal([null, "user app"], plan.Select(s => s.Name.StartsWith("tcp:", StringComparison.Ordinal) ? null : s.Info));
        Assert.All(plan, s => Assert.Equal(Egress.Tcp("db.example", 5432), s.Egress));
    }

    [Fact]
    public void Plan_SocketDirectory_LoginOnlyAndNoEgress()
    {
        var plan = Assert.Single(Load(Complete.Replace("db.example", "/var/run/postgresql", StringComparison.Ordinal)).Checks).Plan();

        var login = Assert.Single(plan);
        Assert.Equal("postgres:/var/run/postgresql:5432", login.Name);
        Assert.Null(login.Egress);
    }

    [Fact]
    public async Task Run_DryRun_NamesSkipped()
    {
        var results = await CheckHarness.RunAsync(Complete, options: new RunOptions { DryRun = true });

        Assert.Equal(["tcp:db.example:5432", "postgres:db.example:5432"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Skipped, r.Status));
    }

    private static LoadedConfiguration Load(string yaml) => ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table);
}
