using ConnCheck.Checks.Http;
using ConnCheck.Checks.Udp;
using ConnCheck.Configuration;
using ConnCheck.Generation;
using ConnCheck.Generation.Internal;
using ConnCheck.Services;

namespace ConnCheck.Tests.Generation;

/// <summary>The YAML the generators write loads back, in conn-check, as exactly the values given.</summary>
public sealed class CheckYamlWriterTests
{
    [Theory]
    [InlineData("5432")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("12:30")]
    [InlineData("yes")]
    [InlineData("Off")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("2024-01-01")]
    [InlineData(".inf")]
    public void Write_StringsThatLookLikeOtherTypes_QuotedStrings(string value)
    {
        var yaml = Write(new GeneratedCheck("udp") { { "host", "h" }, { "port", 1 }, { "send", value }, { "expect", "x" } });

        Assert.Equal([$"udp: expect='x', host='h', port=1, send='{value}'"], YamlData.Checks(yaml));
    }

    [Theory]
    [InlineData("pa$word")]
    [InlineData("${HOME}")]
    [InlineData("$$")]
    [InlineData("a $ b ${ c } $")]
    [InlineData("conncheck.test:1|c")]
    [InlineData("- dash: colon # hash")]
    [InlineData("line one\nline two")]
    [InlineData("'quoted' \"both\"")]
    [InlineData(" padded ")]
    public void Write_AnyString_LoadsBackInConnCheckAsWritten(string value)
    {
        var yaml = Write(new GeneratedCheck("udp") { { "host", "h" }, { "port", 1 }, { "send", value }, { "expect", value } });

        var check = Assert.IsType<UdpCheck>(Assert.Single(Load(yaml, _ => "EXPANDED").Checks));
        Assert.Equal(value, check.Send);
        Assert.Equal(value, check.Expect);
    }

    [Fact]
    public void Write_SecretAsValue_TheValueEscaped()
    {
        var yaml = Write(new GeneratedCheck("udp") { { "host", "h" }, { "port", 1 }, { "send", new SecretValue("s${x}", "SEND_SECRET") }, { "expect", "" } });

        Assert.Equal("s${x}", Assert.IsType<UdpCheck>(Assert.Single(Load(yaml, _ => null).Checks)).Send);
    }

    [Fact]
    public void Write_SecretsAsReferences_NamesEachSecretOnce()
    {
        GeneratedCheck[] checks =
        [
            new("redis") { { "host", "h1" }, { "port", 1 }, { "password", new SecretValue("one", "SECRET") } },
            new("redis") { { "host", "h2" }, { "port", 1 }, { "password", new SecretValue("one", "SECRET") } },
            new("redis") { { "host", "h3" }, { "port", 1 }, { "password", new SecretValue("two", "SECRET") } },
        ];

        var yaml = CheckYamlWriter.Write(checks, secretsAsEnvironment: true);

        Assert.Equal(["SECRET", "SECRET_2"], yaml.Variables);
        var loaded = Load(yaml.Text, name => name switch { "SECRET" => "one", "SECRET_2" => "two", _ => null });
        Assert.Equal(["one", "one", "two"], loaded.Checks.Cast<ConnCheck.Services.Redis.RedisCheck>().Select(c => c.Password?.Reveal()));
        Assert.Equal(["one", "two"], loaded.Secrets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_UrlWithSecretPassword_OnlyThePasswordReferenced()
    {
        var check = new GeneratedCheck("http");
        ConnCheck.Generation.Internal.Secrets.AddUrl(check, "url", "https://user:p%24ss@api.example/v1?x=$$", ["Api", "BaseUrl"]);

        var yaml = CheckYamlWriter.Write([check], secretsAsEnvironment: true);

        Assert.Equal(["API_BASEURL_PASSWORD"], yaml.Variables);
        Assert.Contains("url: https://user:${API_BASEURL_PASSWORD}@api.example/v1?x=$$$", yaml.Text, StringComparison.Ordinal);
        var loaded = Assert.IsType<HttpCheck>(Assert.Single(Load(yaml.Text, _ => "p%24ss").Checks));
        Assert.Equal("https://user:p%24ss@api.example/v1?x=$$", loaded.UrlAsWritten);
    }

    [Fact]
    public void Write_AllValueKinds_TypedYaml()
    {
        var check = new GeneratedCheck("http")
        {
            { "url", "http://h/" },
            { "timeout", 2.5 },
            { "allow_redirects", true },
            { "tags", ["a", "no"] },
            { "headers", [new KeyValuePair<string, string>("X-Count", "1")] },
        };

        var yaml = Write(check);

        Assert.Equal(["http: allow_redirects=true, headers={'X-Count': '1'}, tags=['a', 'no'], timeout=2.5, url='http://h/'"], YamlData.Checks(yaml));
        Assert.Single(Load(yaml, _ => null).Checks);
    }

    [Fact]
    public void Write_NoChecks_EmptyList()
    {
        var yaml = CheckYamlWriter.Write([], secretsAsEnvironment: false).Text;

        Assert.Equal("[]\n", yaml);
        Assert.Empty(Load(yaml, _ => null).Checks);
    }

    [Fact]
    public void Write_SeveralChecks_BlankLineBetween()
    {
        var yaml = Write(new GeneratedCheck("tcp") { { "host", "a" }, { "port", 1 } }, new GeneratedCheck("tcp") { { "host", "b" }, { "port", 2 } });

        Assert.Equal("- type: tcp\n  host: a\n  port: 1\n\n- type: tcp\n  host: b\n  port: 2\n", yaml);
    }

    [Fact]
    public void Add_SameOptionTwice_ReplacedInPlace()
    {
        var check = new GeneratedCheck("tcp") { { "host", "a" }, { "port", 1 } };

        check.Add("host", "b");

        Assert.Equal(["host", "port"], check.Select(o => o.Key));
        Assert.Equal("b", check["host"]);
        Assert.Throws<ArgumentException>(() => check.Add("type", "udp"));
    }

    [Theory]
    [InlineData(new[] { "ConnectionStrings:Db", "PASSWORD" }, "CONNECTIONSTRINGS_DB_PASSWORD")]
    [InlineData(new[] { "DATABASES", "replica-1", "PASSWORD" }, "DATABASES_REPLICA_1_PASSWORD")]
    [InlineData(new[] { "1st", "password" }, "_1ST_PASSWORD")]
    [InlineData(new[] { "Grüß", "PASSWORD" }, "GR_PASSWORD")]
    public void NameFrom_KeyPath_EnvironmentVariableName(string[] parts, string expected) =>
        Assert.Equal(expected, SecretValue.NameFrom(parts));

    [Fact]
    public void SecretValue_ToString_NeverTheValue() =>
        Assert.Equal("${DB_PASSWORD}", new SecretValue("hunter2", "DB_PASSWORD").ToString());

    private static string Write(params GeneratedCheck[] checks) => CheckYamlWriter.Write(checks, secretsAsEnvironment: false).Text;

    private static LoadedConfiguration Load(string yaml, Func<string, string?> environment) =>
        ConfigurationLoader.Load(yaml, "generated.yaml", new EnvironmentExpander(environment), ServiceCheckTypes.Table);
}
