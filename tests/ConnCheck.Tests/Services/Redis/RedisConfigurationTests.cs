using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Services;
using ConnCheck.Services.Redis;

namespace ConnCheck.Tests.Services.Redis;

public sealed class RedisConfigurationTests
{
    private const string Minimal = """
        - type: redis
          host: cache.example
          port: 6379
        """;

    [Theory]
    [InlineData("host")]
    [InlineData("port")]
    public void Load_RequiredOptionMissing_ErrorNamesIt(string option)
    {
        var yaml = string.Join('\n', Minimal.Split('\n').Where(line => !line.TrimStart().StartsWith(option + ":", StringComparison.Ordinal)));

        var error = Assert.Throws<ConfigurationException>(() => Load(yaml));

        Assert.Equal($"test.yaml:1:3: redis check is missing required option '{option}'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_Minimal_NoCredentials()
    {
        var check = LoadOne(Minimal);

        Assert.Equal(("cache.example", 6379, null, null), (check.Host, check.Port, check.Username, check.Password));
        Assert.Equal("default", check.User);
    }

    [Fact]
    public void Load_UsernameAndPassword_ReadAndPasswordSecret()
    {
        var configuration = Load(Minimal.Replace("port: 6379", "port: \"6380\"", StringComparison.Ordinal) + "\n  username: app\n  password: s3cret-redis");

        var check = Assert.IsType<RedisCheck>(Assert.Single(configuration.Checks));
        Assert.Equal(("app", "s3cret-redis", "app", 6380), (check.Username, check.Password?.Reveal(), check.User, check.Port));
        Assert.Contains("s3cret-redis", configuration.Secrets);
        Assert.DoesNotContain("s3cret-redis", check.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password:")]
    [InlineData("password: ''")]
    public void Load_EmptyPassword_NoPassword(string option)
    {
        var check = LoadOne(Minimal + "\n  " + option);

        Assert.Null(check.Password);
        Assert.Equal("redis:cache.example:6379:connect", check.Plan()[1].Name);
    }

    [Fact]
    public void Load_UsernameWithoutPassword_ErrorAtTheUsername()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Minimal + "\n  username: app"));

        Assert.Equal(
            "test.yaml:4:13: username needs a password: Redis authenticates a user with AUTH username password",
            Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Plan_NoPassword_TcpThenConnect()
    {
        var plan = LoadOne(Minimal).Plan();

        Assert.Equal(["redis:cache.example:6379:tcp:cache.example:6379", "redis:cache.example:6379:connect"], plan.Select(s => s.Name));
        Assert.Equal(["cache.example:6379", null], plan.Select(s => s.Info));
        Assert.All(plan, s => Assert.Equal(Egress.Tcp("cache.example", 6379), s.Egress));
    }

    [Fact]
    public void Plan_Password_TcpThenConnectWithAuth()
    {
        var plan = LoadOne(Minimal + "\n  password: pw").Plan();

        Assert.Equal(["redis:cache.example:6379:tcp:cache.example:6379", "redis:cache.example:6379:connect with auth"], plan.Select(s => s.Name));
    }

    [Fact]
    public void Plan_Ipv6Literal_BracketedInNames()
    {
        var plan = LoadOne(Minimal.Replace("host: cache.example", "host: '::1'", StringComparison.Ordinal)).Plan();

        Assert.Equal(["redis:[::1]:6379:tcp:[::1]:6379", "redis:[::1]:6379:connect"], plan.Select(s => s.Name));
    }

    [Fact]
    public void Load_UseTls_VerifiedByDefaultWithServerName()
    {
        var check = LoadOne(Minimal + "\n  use_tls: true\n  server_name: cache.internal.example");

        Assert.Equal(new RedisTls(Verify: true, ServerName: "cache.internal.example"), check.Tls);
    }

    [Fact]
    public void Load_NoUseTls_NoTls()
    {
        Assert.Null(LoadOne(Minimal).Tls);
    }

    [Theory]
    [InlineData("server_name: cache.example", "4:16: server_name")]
    [InlineData("disable_tls_verification: true", "4:29: disable_tls_verification")]
    public void Load_TlsOptionWithoutUseTls_ErrorAtTheOption(string option, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Minimal + "\n  " + option));

        Assert.Equal($"test.yaml:{expected} needs use_tls: true (without TLS there is no certificate to verify)", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_MysqlServerName_RefusedAsTheDriverCannotSendIt()
    {
        const string yaml = "- type: mysql\n  host: 192.0.2.5\n  username: app\n  password: pw\n  database: app\n  server_name: db.example";

        var error = Assert.Throws<ConfigurationException>(() => Load(yaml));

        Assert.StartsWith("test.yaml:6:16: server_name is not supported by the mysql check: ", Assert.Single(error.Errors).ToString(), StringComparison.Ordinal);
    }

    private static RedisCheck LoadOne(string yaml) => Assert.IsType<RedisCheck>(Assert.Single(Load(yaml).Checks));

    private static LoadedConfiguration Load(string yaml) => ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table);
}
