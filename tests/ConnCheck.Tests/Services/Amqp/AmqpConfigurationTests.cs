using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Services;
using ConnCheck.Services.Amqp;

namespace ConnCheck.Tests.Services.Amqp;

public sealed class AmqpConfigurationTests
{
    private const string Complete = """
        - type: amqp
          host: mq.example
          port: 5671
          username: app
          password: s3cret-amqp
        """;

    [Theory]
    [InlineData("host")]
    [InlineData("port")]
    [InlineData("username")]
    [InlineData("password")]
    public void Load_RequiredOptionMissing_ErrorNamesIt(string option)
    {
        var yaml = string.Join('\n', Complete.Split('\n').Where(line => !line.TrimStart().StartsWith(option + ":", StringComparison.Ordinal)));

        var error = Assert.Throws<ConfigurationException>(() => Load(yaml));

        Assert.Equal($"test.yaml:1:3: amqp check is missing required option '{option}'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_Complete_TlsAndTheRootVhostByDefault()
    {
        var check = LoadOne(Complete);

        Assert.Equal(("mq.example", 5671, "app", "s3cret-amqp", true, "/"), (check.Host, check.Port, check.Credentials.UserName, check.Credentials.Password, check.UseTls, check.Vhost));
    }

    [Theory]
    [InlineData("use_tls: false\n  vhost: orders", false, "orders")]
    [InlineData("use_tls: 'no'\n  vhost: /", false, "/")]
    [InlineData("use_tls: yes", true, "/")]
    [InlineData("vhost:", true, "/")]
    [InlineData("vhost: ''", true, "/")]
    public void Load_UseTlsAndVhost_Read(string options, bool useTls, string vhost)
    {
        var check = LoadOne(Complete + "\n  " + options);

        Assert.Equal((useTls, vhost), (check.UseTls, check.Vhost));
    }

    [Fact]
    public void Load_PortAsString_Cast()
    {
        Assert.Equal(5672, LoadOne(Complete.Replace("port: 5671", "port: \"5672\"", StringComparison.Ordinal)).Port);
    }

    [Fact]
    public void Load_UseTlsNotABoolean_Error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Complete + "\n  use_tls: sometimes"));

        Assert.Equal("test.yaml:6:12: use_tls must be true or false, not 'sometimes'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_Password_IsASecretAndNotInTheCheckText()
    {
        var configuration = Load(Complete);

        Assert.Contains("s3cret-amqp", configuration.Secrets);
        Assert.DoesNotContain("s3cret-amqp", Assert.Single(configuration.Checks).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_UseTls_TcpTlsAmqpEachWithItsEgress()
    {
        var plan = LoadOne(Complete).Plan();

        Assert.Equal(["tcp:mq.example:5671", "tls:mq.example:5671", "amqp:mq.example:5671"], plan.Select(s => s.Name));
        Assert.Equal(["mq.example:5671", "mq.example:5671", "user app"], plan.Select(s => s.Info));
        Assert.All(plan, s => Assert.Equal(Egress.Tcp("mq.example", 5671), s.Egress));
    }

    [Fact]
    public void Plan_NoTls_TcpThenAmqp()
    {
        var plan = LoadOne(Complete + "\n  use_tls: false").Plan();

        Assert.Equal(["tcp:mq.example:5671", "amqp:mq.example:5671"], plan.Select(s => s.Name));
    }

    [Fact]
    public void Plan_Ipv6Literal_BracketedInNames()
    {
        var plan = LoadOne(Complete.Replace("host: mq.example", "host: '::1'", StringComparison.Ordinal)).Plan();

        Assert.Equal(["tcp:[::1]:5671", "tls:[::1]:5671", "amqp:[::1]:5671"], plan.Select(s => s.Name));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("\n  verify_tls: false", false)]
    [InlineData("\n  verify_tls: true", true)]
    [InlineData("\n  use_tls: yes\n  verify_tls: 'yes'", true)]
    public void Load_VerifyTls_ReadAndOffAsIn1x(string options, bool verifyTls)
    {
        Assert.Equal(verifyTls, LoadOne(Complete + options).VerifyTls);
    }

    [Fact]
    public void Load_VerifyTlsWithoutTls_ErrorAtVerifyTls()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Complete + "\n  use_tls: false\n  verify_tls: true"));

        Assert.Equal(
            "test.yaml:7:15: verify_tls: true needs use_tls: true (without TLS there is no certificate to verify)",
            Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("", "test.yaml:1:3")]
    [InlineData("\n  use_tls: true", "test.yaml:6:12")]
    [InlineData("\n  verify_tls: false", "test.yaml:6:15")]
    public void Load_TlsNotVerified_WarnsThatThePasswordGoesToAnUnverifiedServer(string options, string position)
    {
        var warnings = Load(Complete + options).Warnings;

        Assert.Equal(
            $"{position}: amqp check sends its password over TLS without verifying the server (set verify_tls: true to verify it)",
            Assert.Single(warnings).ToString());
    }

    [Theory]
    [InlineData("\n  verify_tls: true")]
    [InlineData("\n  use_tls: false")]
    public void Load_TlsVerifiedOrNoTls_NoWarning(string options)
    {
        Assert.Empty(Load(Complete + options).Warnings);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_VerifyTls_SameSubchecks(bool verifyTls)
    {
        var plan = LoadOne(Complete + $"\n  verify_tls: {verifyTls}").Plan();

        Assert.Equal(["tcp:mq.example:5671", "tls:mq.example:5671", "amqp:mq.example:5671"], plan.Select(s => s.Name));
    }

    private static AmqpCheck LoadOne(string yaml) => Assert.IsType<AmqpCheck>(Assert.Single(Load(yaml).Checks));

    private static LoadedConfiguration Load(string yaml) => ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table);
}
