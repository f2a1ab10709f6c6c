using System.Net;
using ConnCheck.Checks;
using ConnCheck.Firewall;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Firewall;

/// <summary>
/// Two export files that overlap (the same server under two names, shared ports, a name with an
/// IPv4 and an IPv6 address), and a resolver that answers for their names without asking DNS.
/// Every address is a documentation or loopback address; nothing is ever contacted.
/// </summary>
internal static class ConvertFwFixtures
{
    public const string App1 = """
        egress:
        - from_host: app1.example
          to_host: db.example
          protocol: tcp
          ports: [5432, 6432]
        - from_host: app1.example
          to_host: web.example
          protocol: tcp
          ports: [443]
        - from_host: app1.example
          to_host: stats.example
          protocol: udp
          ports: [8125]
        """;

    // Keys in 1.x's order (sorted), as its files have them.
    public const string App2 = """
        egress:
        - from_host: app2.example
          ports: [6432, 5433]
          protocol: tcp
          to_host: db.example
        - from_host: app2.example
          ports: [5432]
          protocol: tcp
          to_host: db-replica-alias.example
        - from_host: app2.example
          ports: [443, 80]
          protocol: tcp
          to_host: web.example
        - from_host: app2.example
          ports: [22]
          protocol: tcp
          to_host: 2001:db8::30
        """;

    public const string Unresolvable = """
        egress:
        - from_host: app3.example
          to_host: nope.example
          protocol: tcp
          ports: [9000]
        - from_host: app3.example
          to_host: db.example
          protocol: tcp
          ports: [5432]
        """;

    public static FakeHostResolver Resolver() => new(name => name switch
    {
        "db.example" or "db-replica-alias.example" => [IPAddress.Parse("192.0.2.10")],
        "web.example" => [IPAddress.Parse("192.0.2.20"), IPAddress.Parse("2001:db8::20")],
        "stats.example" => [IPAddress.Parse("127.0.0.1")],
        _ when IPAddress.TryParse(name, out var literal) => [literal],
        _ => throw new CheckFailedException(FailureStage.Resolve, $"DNS resolution failed for {name}: name not found"),
    });

    public static IReadOnlyList<EgressRule> Rules(params string[] files) =>
        files.SelectMany((text, i) => ExportFileReader.Read(text, $"export-{i}.yaml")).ToList();

    public static async Task<Conversion> ConvertAsync(string type, FirewallFormatOptions? options = null, FakeHostResolver? resolver = null, params string[] files)
    {
        Assert.True(FirewallTargets.TryFind(type, out var target));
        return await FirewallConverter.ConvertAsync(Rules(files), target.Formatter, options ?? FirewallFormatOptions.Default, resolver ?? Resolver(), CancellationToken.None);
    }

    public static Task<Conversion> ConvertBothAsync(string type, FirewallFormatOptions? options = null) =>
        ConvertAsync(type, options, null, App1, App2);
}
