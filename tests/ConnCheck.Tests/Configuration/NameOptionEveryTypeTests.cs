using ConnCheck.Configuration;
using ConnCheck.Services;

namespace ConnCheck.Tests.Configuration;

/// <summary><c>name</c> (C4) is an option of every check type, and leaves the result names as they are.</summary>
public sealed class NameOptionEveryTypeTests
{
    // The required options of each type, so that only `name` differs between the two loads.
    private static readonly Dictionary<string, string> Minimal = new(StringComparer.Ordinal)
    {
        ["tcp"] = "host: db.example.com\n  port: 5432",
        ["tls"] = "host: www.example.com\n  port: 443",
        ["udp"] = "host: statsd.example.com\n  port: 8125\n  send: ping\n  expect: pong",
        ["http"] = "url: https://www.example.com/health",
        ["memcache"] = "host: cache.example.com\n  port: 11211",
        ["postgres"] = "host: db.example.com\n  port: 5432\n  username: app\n  password: pw\n  database: app",
        ["mysql"] = "host: db.example.com\n  port: 3306\n  username: app\n  password: pw\n  database: app",
        ["redis"] = "host: redis.example.com\n  port: 6379",
        ["amqp"] = "host: mq.example.com\n  port: 5671\n  username: app\n  password: pw\n  verify_tls: true",
        ["smtp"] = "host: mail.example.com\n  port: 465\n  username: app\n  password: pw\n  send: false\n  verify_tls: true",
        ["mongodb"] = "host: mongo.example.com\n  port: 27017",
        ["dns"] = "host: www.example.com\n  record: A",
    };

    public static TheoryData<string> Types() => new(ServiceCheckTypes.Table.Names);

    [Fact]
    public void Minimal_CoversEveryType()
    {
        Assert.Equal(ServiceCheckTypes.Table.Names, Minimal.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Load_NameOnAnyType_IsTheLabelAndNoPartOfTheResultNames(string type)
    {
        var options = Minimal[type];

        var named = ConfigurationLoader.Load($"- type: {type}\n  {options}\n  name: 'label of {type}'\n", "test.yaml", types: ServiceCheckTypes.Table);
        var unnamed = ConfigurationLoader.Load($"- type: {type}\n  {options}\n", "test.yaml", types: ServiceCheckTypes.Table);

        Assert.Equal($"label of {type}", Assert.Single(named.Checks).Common.Label);
        Assert.Null(Assert.Single(unnamed.Checks).Common.Label);
        Assert.Equal(unnamed.Checks[0].Plan().Select(s => (s.Name, s.Info)), named.Checks[0].Plan().Select(s => (s.Name, s.Info)));
        Assert.Equal(unnamed.Warnings, named.Warnings);
    }
}
