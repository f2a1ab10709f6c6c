using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Services;
using ConnCheck.Checks.Memcache;

namespace ConnCheck.Tests.Checks.Memcache;

public sealed class MemcacheConfigurationTests
{
    private const string Minimal = """
        - type: memcache
          host: cache.example
          port: 11211
        """;

    [Theory]
    [InlineData("host")]
    [InlineData("port")]
    public void Load_RequiredOptionMissing_ErrorNamesIt(string option)
    {
        var yaml = string.Join('\n', Minimal.Split('\n').Where(line => !line.TrimStart().StartsWith(option + ":", StringComparison.Ordinal)));

        var error = Assert.Throws<ConfigurationException>(() => Load(yaml));

        Assert.Equal($"test.yaml:1:3: memcache check is missing required option '{option}'", Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("memcache")]
    [InlineData("memcached")]
    [InlineData(" Memcached ")]
    public void Load_TypeOrAlias_MemcacheCheck(string type)
    {
        var check = LoadOne(Minimal.Replace("type: memcache", $"type: '{type}'", StringComparison.Ordinal));

        Assert.Equal(("memcache", "cache.example", 11211), (check.Common.Type, check.Host, check.Port));
    }

    [Fact]
    public void Plan_TcpThenConnect_EachWithItsEgress()
    {
        var plan = LoadOne(Minimal).Plan();

        Assert.Equal(["memcache:cache.example:11211:tcp:cache.example:11211", "memcache:cache.example:11211:connect"], plan.Select(s => s.Name));
        Assert.Equal(["cache.example:11211", null], plan.Select(s => s.Info));
        Assert.All(plan, s => Assert.Equal(Egress.Tcp("cache.example", 11211), s.Egress));
    }

    [Fact]
    public void Plan_Ipv6Literal_BracketedInNames()
    {
        var plan = LoadOne(Minimal.Replace("host: cache.example", "host: '[::1]'", StringComparison.Ordinal)).Plan();

        Assert.Equal(["memcache:[::1]:11211:tcp:[::1]:11211", "memcache:[::1]:11211:connect"], plan.Select(s => s.Name));
    }

    private static MemcacheCheck LoadOne(string yaml) => Assert.IsType<MemcacheCheck>(Assert.Single(Load(yaml).Checks));

    private static LoadedConfiguration Load(string yaml) => ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table);
}
