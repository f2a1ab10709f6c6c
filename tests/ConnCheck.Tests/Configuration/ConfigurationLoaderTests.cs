using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Checks.Udp;
using ConnCheck.Configuration;
using ConnCheck.Services;

namespace ConnCheck.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    private static readonly EnvironmentExpander NoEnvironment = new(_ => null);

    [Theory]
    [InlineData("tcp", "tcp")]
    [InlineData("tls", "tls")]
    [InlineData("ssl", "tls")]
    [InlineData("SSL", "tls")]
    [InlineData("\" TCP \"", "tcp")]
    [InlineData("Tls", "tls")]
    [InlineData("' udp'", "udp")]
    public void Load_TypeNameOrAlias_ResolvesToCanonicalType(string written, string canonical)
    {
        var text = $"- type: {written}\n  host: h.example.com\n  port: 1\n  send: a\n  expect: b\n";

        var check = Assert.Single(Load(text).Checks);

        Assert.Equal(canonical, check.Common.Type);
    }

    [Fact]
    public void Load_SslAlias_GivesATlsCheck()
    {
        var check = Assert.Single(Load("- type: ssl\n  host: www.example.com\n  port: 443\n").Checks);

        var tls = Assert.IsType<TlsCheck>(check);
        Assert.Equal(("www.example.com", 443), (tls.Host, tls.Port));
    }

    [Fact]
    public void Load_NameAndCertificateDays_AreCommonToEveryType()
    {
        var text = "- type: tls\n  host: www.example.com\n  port: 443\n  name: public site\n  cert_warning_days: '30'\n  cert_critical_days: 7\n"
            + "- type: tcp\n  host: db.example.com\n  port: 5432\n";

        var checks = Load(text).Checks;

        Assert.Equal(("public site", 30, 7), (checks[0].Common.Label, checks[0].Common.CertificateWarningDays, checks[0].Common.CertificateCriticalDays));
        Assert.Equal((null, null, null), (checks[1].Common.Label, checks[1].Common.CertificateWarningDays, checks[1].Common.CertificateCriticalDays));
        Assert.Empty(Load(text).Warnings);
    }

    [Theory]
    [InlineData("5432")]
    [InlineData("\"5432\"")]
    [InlineData("'5432'")]
    [InlineData("\" 5432 \"")]
    public void Load_PortAsNumberOrString_IsCastToAnInteger(string written)
    {
        var check = Assert.Single(Load($"- type: tcp\n  host: db.example.com\n  port: {written}\n").Checks);

        Assert.Equal(5432, Assert.IsType<TcpCheck>(check).Port);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("65535")]
    public void Load_PortAtTheEndsOfItsRange_IsAccepted(string written)
    {
        var check = Assert.Single(Load($"- type: tcp\n  host: db.example.com\n  port: {written}\n").Checks);

        Assert.Equal(int.Parse(written, System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<TcpCheck>(check).Port);
    }

    [Fact]
    public void Load_UnknownOptions_AreWarningsWithPositionsAndTheCheckStillLoads()
    {
        const string text = "- type: tcp\n  host: db.example.com\n  port: 5432\n  verify: true\n- type: tls\n  host: www.example.com\n  colour: blue\n  port: 443\n";

        var loaded = Load(text);

        Assert.Equal(2, loaded.Checks.Count);
        Assert.Equal(
        [
            "checks.yaml:4:3: unknown option 'verify' for tcp check (ignored)",
            "checks.yaml:7:3: unknown option 'colour' for tls check (ignored)",
        ],
            loaded.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Load_NearMissOfAKnownOption_AWarningForEveryRunNamingTheOptionMeant()
    {
        const string text = "- type: tcp\n  host: db.example.com\n  port: 5432\n  timout: 2\n  verify: true\n"
            + "- type: http\n  url: https://www.example.com/\n  Expected_Code: 301\n  proxy_prot: 3128\n";

        var loaded = Load(text);

        Assert.Equal(2, loaded.Checks.Count);
        Assert.Equal(
            [
                ("checks.yaml:4:3: unknown option 'timout' for tcp check (ignored); did you mean 'timeout'?", true),
                ("checks.yaml:5:3: unknown option 'verify' for tcp check (ignored)", false),
                ("checks.yaml:8:3: unknown option 'Expected_Code' for http check (ignored); did you mean 'expected_code'?", true),
                ("checks.yaml:9:3: unknown option 'proxy_prot' for http check (ignored); did you mean 'proxy_port'?", true),
            ],
            loaded.Warnings.Select(w => (w.ToString(), w.EveryRun)));
    }

    [Fact]
    public void Load_NearMissOfAnOptionAlsoWritten_NotTakenForIt()
    {
        // hots is one edit from host, but host is there: something else, left to --validate.
        var warning = Assert.Single(Load("- type: tcp\n  host: db.example.com\n  hots: 2\n  port: 5432\n").Warnings);

        Assert.Equal(("checks.yaml:3:3: unknown option 'hots' for tcp check (ignored)", false), (warning.ToString(), warning.EveryRun));
    }

    [Fact]
    public void Load_NearMissOfADriverTypesOption_NamesIt()
    {
        var loaded = ConfigurationLoader.Load(
            "- type: postgres\n  host: db\n  port: 5432\n  username: u\n  password: p\n  database: d\n  sslmdoe: require\n",
            "checks.yaml",
            NoEnvironment,
            ServiceCheckTypes.Table);

        Assert.Equal("checks.yaml:7:3: unknown option 'sslmdoe' for postgres check (ignored); did you mean 'sslmode'?", Assert.Single(loaded.Warnings).ToString());
    }

    [Fact]
    public void Load_KnownOptionsOnly_GivesNoWarnings()
    {
        const string text = "- type: tls\n  host: www.example.com\n  port: 443\n  disable_tls_verification: true\n  timeout: 2\n  tags: [web]\n";

        Assert.Empty(Load(text).Warnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("[]")]
    [InlineData("# only a comment\n# and another\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void Load_NothingToCheck_LoadsZeroChecks(string text)
    {
        var loaded = Load(text);

        Assert.Empty(loaded.Checks);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_DuplicateChecks_AreAllKeptInFileOrder()
    {
        const string check = "- type: tcp\n  host: db.example.com\n  port: 5432\n";

        var loaded = Load(check + check + "- type: tcp\n  host: cache.example.com\n  port: 11211\n" + check);

        Assert.Equal(
            ["db.example.com", "db.example.com", "cache.example.com", "db.example.com"],
            loaded.Checks.Select(c => Assert.IsType<TcpCheck>(c).Host));
    }

    [Fact]
    public void Load_TlsWithoutOptionalOptions_TakesTheDefaults()
    {
        var check = Assert.Single(Load("- type: tls\n  host: www.example.com\n  port: 443\n").Checks);

        var tls = Assert.IsType<TlsCheck>(check);
        Assert.False(tls.DisableTlsVerification);
        Assert.Null(tls.Common.Timeout);
        Assert.Empty(tls.Common.Tags);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("\"True\"", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"false\"", false)]
    [InlineData("", false)]
    public void Load_DisableTlsVerification_ReadsYamlBooleans(string written, bool expected)
    {
        var check = Assert.Single(Load($"- type: tls\n  host: www.example.com\n  port: 443\n  disable_tls_verification: {written}\n").Checks);

        Assert.Equal(expected, Assert.IsType<TlsCheck>(check).DisableTlsVerification);
    }

    [Fact]
    public void Load_TagsList_KeepsEveryTagInOrder()
    {
        var check = Assert.Single(Load("- type: tcp\n  host: db.example.com\n  port: 5432\n  tags: [db, primary, \"5\"]\n").Checks);

        Assert.Equal(["db", "primary", "5"], check.Common.Tags);
    }

    [Fact]
    public void Load_TagsBlockList_KeepsEveryTag()
    {
        var check = Assert.Single(Load("- type: tcp\n  host: db.example.com\n  port: 5432\n  tags:\n    - db\n    - primary\n").Checks);

        Assert.Equal(["db", "primary"], check.Common.Tags);
    }

    [Fact]
    public void Load_SingleStringTag_IsAListOfOne()
    {
        var check = Assert.Single(Load("- type: tcp\n  host: db.example.com\n  port: 5432\n  tags: db\n").Checks);

        Assert.Equal(["db"], check.Common.Tags);
    }

    [Theory]
    [InlineData("0.25", 250)]
    [InlineData("\"1.5\"", 1500)]
    [InlineData("3", 3000)]
    [InlineData("0.001", 1)]
    public void Load_Timeout_IsReadInSecondsAndMayBeFractional(string written, int milliseconds)
    {
        var check = Assert.Single(Load($"- type: tcp\n  host: db.example.com\n  port: 5432\n  timeout: {written}\n").Checks);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), check.Common.Timeout);
    }

    [Theory]
    [InlineData("\"::1\"")]
    [InlineData("'[::1]'")]
    [InlineData("\"[::1]\"")]
    public void Load_IPv6LiteralHost_WithOrWithoutBrackets_IsStoredBareAndNamedInBrackets(string written)
    {
        var check = Assert.Single(Load($"- type: tcp\n  host: {written}\n  port: 5432\n").Checks);

        Assert.Equal("::1", Assert.IsType<TcpCheck>(check).Host);
        var subcheck = Assert.Single(check.Plan());
        Assert.Equal("tcp:[::1]:5432", subcheck.Name);
        Assert.Equal("[::1]:5432", subcheck.Info);
    }

    [Fact]
    public void Load_HostWithSurroundingSpaces_IsTrimmed()
    {
        var check = Assert.Single(Load("- type: tcp\n  host: \" db.example.com \"\n  port: 5432\n").Checks);

        Assert.Equal("tcp:db.example.com:5432", Assert.Single(check.Plan()).Name);
    }

    [Fact]
    public void Load_CheckPosition_IsWhereItsMappingStarts()
    {
        var loaded = Load("# checks\n- type: tcp\n  host: db.example.com\n  port: 5432\n-   type: tcp\n    host: cache.example.com\n    port: 11211\n");

        Assert.Equal(["checks.yaml:2:3", "checks.yaml:5:5"], loaded.Checks.Select(c => c.Common.Position.ToString()));
    }

    [Fact]
    public void Plan_Tcp_GivesOneConnectResultNamedByHostAndPort()
    {
        var check = Assert.Single(Load("- type: tcp\n  host: db.example.com\n  port: 5432\n").Checks);

        var subcheck = Assert.Single(check.Plan());
        Assert.Equal(("tcp:db.example.com:5432", "db.example.com:5432"), (subcheck.Name, subcheck.Info));
    }

    [Fact]
    public void Plan_Tls_GivesOneResultNamedTls()
    {
        var check = Assert.Single(Load("- type: ssl\n  host: www.example.com\n  port: 443\n").Checks);

        var subcheck = Assert.Single(check.Plan());
        Assert.Equal(("tls:www.example.com:443", "www.example.com:443"), (subcheck.Name, subcheck.Info));
    }

    [Fact]
    public void Plan_Udp_GivesOneResultNamedUdp()
    {
        var check = Assert.Single(Load("- type: udp\n  host: statsd.example.com\n  port: 8125\n  send: ping\n  expect: pong\n").Checks);

        var udp = Assert.IsType<UdpCheck>(check);
        Assert.Equal(("ping", "pong"), (udp.Send, udp.Expect));
        var subcheck = Assert.Single(check.Plan());
        Assert.Equal(("udp:statsd.example.com:8125", "statsd.example.com:8125"), (subcheck.Name, subcheck.Info));
    }

    [Fact]
    public void Load_UdpWithEmptyExpect_IsAccepted()
    {
        // conn-check-configs writes statsd checks expecting an empty reply.
        var check = Assert.Single(Load("- type: udp\n  host: statsd.example.com\n  port: 8125\n  send: 'conncheck.test:1|c'\n  expect: ''\n").Checks);

        var udp = Assert.IsType<UdpCheck>(check);
        Assert.Equal(("conncheck.test:1|c", ""), (udp.Send, udp.Expect));
    }

    [Fact]
    public void Load_VariableInAHostOrPort_IsSubstitutedAndNotASecret()
    {
        // SPEC C2: only credentials are secret; a host from the environment is printed and exported.
        var environment = Variables(("DB_HOST", "db.internal.example.com"), ("DB_PORT", "6432"));

        var loaded = Load("- type: tcp\n  host: ${DB_HOST}\n  port: ${DB_PORT}\n", environment);

        var tcp = Assert.IsType<TcpCheck>(Assert.Single(loaded.Checks));
        Assert.Equal(("db.internal.example.com", 6432), (tcp.Host, tcp.Port));
        Assert.Empty(loaded.Secrets);
    }

    [Fact]
    public void Load_VariableInAPassword_IsASecret()
    {
        var loaded = Load("- type: http\n  url: http://api/\n  auth: [app, 'x-${API_PASSWORD}']\n", Variables(("API_PASSWORD", "s3cr3t-value")));

        Assert.Equal(["x-s3cr3t-value"], loaded.Secrets);
    }

    [Fact]
    public void Load_VariableInsideALongerValue_IsSubstitutedInPlace()
    {
        var loaded = Load("- type: udp\n  host: statsd.example.com\n  port: 8125\n  send: 'key=${API_KEY};end'\n  expect: ok\n", Variables(("API_KEY", "s3cr3t-value")));

        Assert.Equal("key=s3cr3t-value;end", Assert.IsType<UdpCheck>(Assert.Single(loaded.Checks)).Send);
    }

    [Fact]
    public void Load_DefaultForAnUnsetVariable_IsUsedAndIsNotASecret()
    {
        var loaded = Load("- type: tcp\n  host: ${DB_HOST:-db.example.com}\n  port: ${DB_PORT:-5432}\n", NoEnvironment);

        var tcp = Assert.IsType<TcpCheck>(Assert.Single(loaded.Checks));
        Assert.Equal(("db.example.com", 5432), (tcp.Host, tcp.Port));
        Assert.Empty(loaded.Secrets);
    }

    [Fact]
    public void Load_DefaultForAVariableSetEmpty_IsUsed()
    {
        var loaded = Load("- type: tcp\n  host: ${DB_HOST:-db.example.com}\n  port: 5432\n", Variables(("DB_HOST", "")));

        Assert.Equal("db.example.com", Assert.IsType<TcpCheck>(Assert.Single(loaded.Checks)).Host);
    }

    [Fact]
    public void Load_DefaultForASetVariable_IsIgnored()
    {
        var loaded = Load("- type: tcp\n  host: ${DB_HOST:-db.example.com}\n  port: 5432\n", Variables(("DB_HOST", "db2.example.com")));

        Assert.Equal("db2.example.com", Assert.IsType<TcpCheck>(Assert.Single(loaded.Checks)).Host);
    }

    [Theory]
    [InlineData("'pa$$word'", "pa$word")]
    [InlineData("'$${NOT_A_VARIABLE}'", "${NOT_A_VARIABLE}")]
    [InlineData("'pa$word'", "pa$word")]
    [InlineData("'cost: 5$'", "cost: 5$")]
    [InlineData("'$'", "$")]
    [InlineData("'a $ b'", "a $ b")]
    public void Load_DollarSigns_DoubledBecomeOneAndLoneOnesAreKept(string written, string expected)
    {
        var loaded = Load($"- type: udp\n  host: statsd.example.com\n  port: 8125\n  send: {written}\n  expect: ok\n", NoEnvironment);

        Assert.Equal(expected, Assert.IsType<UdpCheck>(Assert.Single(loaded.Checks)).Send);
        Assert.Empty(loaded.Secrets);
    }

    [Fact]
    public void Load_VariableInATag_IsSubstituted()
    {
        var loaded = Load("- type: tcp\n  host: db.example.com\n  port: 5432\n  tags: [\"${ROLE}\", static]\n", Variables(("ROLE", "primary")));

        Assert.Equal(["primary", "static"], Assert.Single(loaded.Checks).Common.Tags);
    }

    [Fact]
    public void Load_WithoutAnExpander_ReadsTheProcessEnvironment()
    {
        // PATH is set wherever tests run; reading it proves the default expander looks at the process.
        var path = Environment.GetEnvironmentVariable("PATH");
        Assert.False(string.IsNullOrEmpty(path));

        var loaded = ConfigurationLoader.Load("- type: udp\n  host: statsd.example.com\n  port: 8125\n  send: ${PATH}\n  expect: ok\n", "checks.yaml");

        Assert.Equal(path, Assert.IsType<UdpCheck>(Assert.Single(loaded.Checks)).Send);
    }

    private static LoadedConfiguration Load(string text, EnvironmentExpander? environment = null) =>
        ConfigurationLoader.Load(text, "checks.yaml", environment ?? NoEnvironment);

    private static EnvironmentExpander Variables(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new EnvironmentExpander(name => values.GetValueOrDefault(name));
    }
}
