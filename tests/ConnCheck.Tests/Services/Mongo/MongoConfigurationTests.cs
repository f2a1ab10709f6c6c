using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Services;
using ConnCheck.Services.Mongo;

namespace ConnCheck.Tests.Services.Mongo;

public sealed class MongoConfigurationTests
{
    private const string Minimal = """
        - type: mongodb
          host: db.example
        """;

    private const string WithAuth = """
        - type: mongodb
          host: db.example
          port: 27018
          username: alice
          password: s3cret-mongo
          database: inventory
        """;

    [Fact]
    public void Load_HostOnly_DefaultPortAndDatabaseNoAuth()
    {
        var check = LoadOne(Minimal);

        Assert.Equal(("db.example", 27017, "test", "test"), (check.Host, check.Port, check.Database, check.AuthSource));
        Assert.Null(check.Credentials);
    }

    [Fact]
    public void Load_HostMissing_ErrorNamesIt()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("- type: mongodb\n  port: 27017"));

        Assert.Equal("test.yaml:1:3: mongodb check is missing required option 'host'", Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("mongo")]
    [InlineData(" MongoDB ")]
    public void Load_AliasOrCase_IsTheMongodbType(string type)
    {
        var check = LoadOne(Minimal.Replace("type: mongodb", $"type: '{type}'", StringComparison.Ordinal));

        Assert.Equal("mongodb", check.Common.Type);
    }

    [Fact]
    public void Load_UsernameAndPassword_CredentialsWithTheDatabaseAsAuthSource()
    {
        var check = LoadOne(WithAuth);

        Assert.Equal(("alice", "s3cret-mongo"), (check.Credentials?.UserName, check.Credentials?.Password));
        Assert.Equal((27018, "inventory", "inventory"), (check.Port, check.Database, check.AuthSource));
    }

    [Fact]
    public void Load_AuthSource_OverridesTheDatabase()
    {
        var check = LoadOne(WithAuth + "\n  auth_source: admin");

        Assert.Equal(("inventory", "admin"), (check.Database, check.AuthSource));
    }

    [Theory]
    [InlineData("database:")]
    [InlineData("database: ''")]
    public void Load_EmptyDatabase_TheDefault(string option)
    {
        Assert.Equal("test", LoadOne(Minimal + "\n  " + option).Database);
    }

    [Theory]
    [InlineData("username: alice")]
    [InlineData("password: s3cret-mongo")]
    [InlineData("username: alice\n  password: ''")]
    public void Load_UsernameOrPasswordAlone_NoAuthAsIn1x(string options)
    {
        Assert.Null(LoadOne(Minimal + "\n  " + options).Credentials);
    }

    [Fact]
    public void Load_PortAsString_Cast()
    {
        Assert.Equal(27019, LoadOne(Minimal + "\n  port: \"27019\"").Port);
    }

    [Fact]
    public void Load_PortOutOfRange_Error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(Minimal + "\n  port: 70000"));

        Assert.Equal("test.yaml:3:9: port must be an integer from 1 to 65535, not '70000'", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_Password_IsASecretAndNotInTheCheckText()
    {
        var configuration = Load(WithAuth);

        Assert.Contains("s3cret-mongo", configuration.Secrets);
        Assert.DoesNotContain("s3cret-mongo", Assert.Single(configuration.Checks).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoAuth_TcpThenConnectPrefixedEachWithItsEgress()
    {
        var plan = LoadOne(Minimal).Plan();

        Assert.Equal(["mongodb:db.example:27017:tcp:db.example:27017", "mongodb:db.example:27017:connect"], plan.Select(s => s.Name));
        Assert.Equal(["db.example:27017", null], plan.Select(s => s.Info));
        Assert.All(plan, s => Assert.Equal(Egress.Tcp("db.example", 27017), s.Egress));
    }

    [Fact]
    public void Plan_WithAuth_ConnectWithAuthNamesTheUser()
    {
        var plan = LoadOne(WithAuth).Plan();

        Assert.Equal(["mongodb:db.example:27018:tcp:db.example:27018", "mongodb:db.example:27018:connect with auth"], plan.Select(s => s.Name));
        Assert.Equal("user alice", plan[1].Info);
    }

    [Fact]
    public void Plan_Ipv6Literal_BracketedInNames()
    {
        var plan = LoadOne(Minimal.Replace("host: db.example", "host: '::1'", StringComparison.Ordinal)).Plan();

        Assert.Equal(["mongodb:[::1]:27017:tcp:[::1]:27017", "mongodb:[::1]:27017:connect"], plan.Select(s => s.Name));
    }

    private static MongoCheck LoadOne(string yaml) => Assert.IsType<MongoCheck>(Assert.Single(Load(yaml).Checks));

    private static LoadedConfiguration Load(string yaml) => ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table);
}
