using ConnCheck.Configuration;
using ConnCheck.Firewall;
using ConnCheck.Running;

namespace ConnCheck.Tests.Firewall;

public sealed class ExportFwBuilderTests
{
    private const string Host = "app1.example";

    // Every check type there is, with duplicates, tags, IPv6 literals and an http check through a proxy.
    private const string Mixed = """
        - type: tcp
          host: db.example
          port: 5432
          tags: [db]
        - type: tls
          host: db.example
          port: 6432
          tags: [db, tls]
        - type: tcp
          host: db.example
          port: 5432
        - type: udp
          host: stats.example
          port: 8125
          send: "conncheck.test:1|c"
          expect: ""
          tags: [metrics]
        - type: http
          url: http://web.example:8080/health
          tags: [web]
        - type: https
          url: https://api.example/v1/
          proxy_host: proxy.example
          proxy_port: 3128
          tags: [web]
        - type: http
          url: http://[2001:db8::5]/
        - type: tcp
          host: "::1"
          port: 11211
        - type: ssl
          host: web.example
          port: 443
        """;

    [Fact]
    public void Build_MixedConfig_OneRulePerHostAndProtocolWithDistinctPortsInOrder()
    {
        var export = Build(Mixed);

        Assert.Equal(
            [
                "db.example tcp 5432,6432",
                "stats.example udp 8125",
                "web.example tcp 8080,443",
                "proxy.example tcp 3128",
                "2001:db8::5 tcp 80",
                "::1 tcp 11211",
            ],
            export.Rules.Select(Flat));
        Assert.All(export.Rules, r => Assert.Equal(Host, r.FromHost));
    }

    [Fact]
    public void Build_SameHostOverTcpAndUdp_TwoRules()
    {
        var export = Build("""
            - {type: tcp, host: dns.example, port: 53}
            - {type: udp, host: dns.example, port: 53, send: x, expect: y}
            """);

        Assert.Equal([("dns.example", "tcp"), ("dns.example", "udp")], export.Rules.Select(r => (r.ToHost, r.Protocol)));
    }

    [Fact]
    public void Build_IncludeTags_OnlyThoseChecks()
    {
        var export = BuildTagged(Mixed, include: "db,metrics");

        Assert.Equal(
            ["db.example tcp 5432,6432", "stats.example udp 8125"],
            export.Rules.Select(Flat));
    }

    [Fact]
    public void Build_ExcludeTags_AllButThoseChecks()
    {
        var export = BuildTagged(Mixed, exclude: "web,tls");

        Assert.Equal(
            ["db.example tcp 5432", "stats.example udp 8125", "2001:db8::5 tcp 80", "::1 tcp 11211", "web.example tcp 443"],
            export.Rules.Select(Flat));
    }

    [Fact]
    public void Build_Patterns_OnlyMatchingSubchecksAsTheRunnerWouldRunThem()
    {
        // tcp:* matches plain tcp checks only: tls, udp and http results are named otherwise.
        var export = Build(Mixed, "tcp:*", "udp:*");

        Assert.Equal(
            ["db.example tcp 5432", "stats.example udp 8125", "::1 tcp 11211"],
            export.Rules.Select(Flat));
    }

    [Fact]
    public void Build_PatternOnTheHttpRequestOnly_StillItsConnection()
    {
        // The request subcheck opens the connection itself when the tcp subcheck is not selected.
        var export = Build(Mixed, "http:https://api.example/v1/:");

        Assert.Equal(["proxy.example tcp 3128"], export.Rules.Select(Flat));
    }

    [Fact]
    public void Build_NothingSelected_NoRules()
    {
        Assert.Empty(Build(Mixed, "nothing:*").Rules);
        Assert.Empty(Build("[]").Rules);
    }

    [Fact]
    public void Build_HostAndPortFromTheEnvironment_ExportedLikeAnyValue()
    {
        // SPEC C2: only credentials are secret; a ${VAR} host is the rule a firewall needs.
        var environment = new EnvironmentExpander(name => name switch { "DB_HOST" => "db.internal", "DB_PORT" => "6432", _ => null });
        var configuration = ConfigurationLoader.Load("""
            - {type: http, url: "http://${DB_HOST}:${DB_PORT}/", auth: [u, db.internal]}
            - {type: tcp, host: web.example, port: 443}
            """, "test.yaml", environment);

        var export = EgressExportBuilder.Build(Selection.All.Apply(configuration.Checks), Host);

        Assert.Equal(["db.internal tcp 6432", "web.example tcp 443"], export.Rules.Select(Flat));
    }

    private static string Flat(EgressRule rule) => $"{rule.ToHost} {rule.Protocol} {string.Join(",", rule.Ports)}";

    private static EgressExport Build(string yaml, params string[] patterns) => Build(yaml, TagFilter.None, patterns);

    private static EgressExport BuildTagged(string yaml, string? include = null, string? exclude = null) => Build(yaml, TagFilter.Parse(include, exclude));

    private static EgressExport Build(string yaml, TagFilter tags, params string[] patterns)
    {
        var configuration = ConfigurationLoader.Load(yaml, "test.yaml");
        return EgressExportBuilder.Build(new Selection(tags, new NamePattern(patterns)).Apply(configuration.Checks), Host);
    }
}
