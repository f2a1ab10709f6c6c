using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Services;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

/// <summary>
/// The failures every check type meets before its protocol starts — a name that does not resolve, a
/// refused port, a dropped SYN, a peer that accepts and says nothing — at the same stage whichever
/// type meets them (SPEC C1). Each runs every type at once, twice: as whole checks, where the tcp
/// subcheck that leads most types meets the failure first, and as each type's last subcheck alone,
/// so that the connection of the type's own protocol or driver is classified too.
/// </summary>
public sealed class TransportStageTests
{
    // RFC 6761 reserves .invalid: no name in it resolves. A name, not a fake resolver, because the
    // drivers of postgres and mysql resolve names themselves.
    private const string Unresolvable = "nothing.invalid";

    // The types whose last subcheck does not resolve names through the check's resolver.
    private static readonly string[] DriversResolvingThemselves = ["postgres", "mysql"];

    // Each type, with the options it needs where the failure comes before they matter.
    private static readonly Dictionary<string, Func<string, int, string>> Types = new()
    {
        ["tcp"] = (host, port) => $"type: tcp\n  host: {host}\n  port: {port}",
        ["tls"] = (host, port) => $"type: tls\n  host: {host}\n  port: {port}",
        ["http"] = (host, port) => $"type: http\n  url: 'http://{host}:{port}/'",
        ["https"] = (host, port) => $"type: http\n  url: 'https://{host}:{port}/'",
        ["memcache"] = (host, port) => $"type: memcache\n  host: {host}\n  port: {port}",
        ["postgres"] = (host, port) => $"type: postgres\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  database: db",
        ["mysql"] = (host, port) => $"type: mysql\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  database: db",
        ["redis"] = (host, port) => $"type: redis\n  host: {host}\n  port: {port}\n  password: secret",
        ["amqp"] = (host, port) => $"type: amqp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  use_tls: false",
        ["amqp with tls"] = (host, port) => $"type: amqp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  use_tls: true",
        ["smtp"] = (host, port) => $"type: smtp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  send: false\n  use_tls: false",
        ["smtp with tls"] = (host, port) => $"type: smtp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  send: false\n  use_tls: true",
        ["smtp with starttls"] = (host, port) => $"type: smtp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  send: false\n  starttls: true",
        ["mongodb"] = (host, port) => $"type: mongodb\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_NameDoesNotResolve_EveryTypeFailsAtResolve(bool lastSubcheckAlone)
    {
        // One lookup at a time: a test machine's DNS server may drop some of a burst of queries, and the
        // system resolver asks again only after seconds.
        var failures = await FirstFailuresAsync(Types.Keys, Unresolvable, 80, lastSubcheckAlone, "timeout: 1", concurrency: 1);

        Assert.All(failures, failure => StageAssert.Failed(FailureStage.Resolve, failure.Result, failure.What));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_NameLookupNeverAnswers_EveryTypeTimesOutAtResolve(bool lastSubcheckAlone)
    {
        // Run alone, the drivers that resolve names themselves would ask the real DNS.
        var types = lastSubcheckAlone ? Types.Keys.Except(DriversResolvingThemselves) : Types.Keys;

        var failures = await FirstFailuresAsync(types, "service.test", 80, lastSubcheckAlone, "timeout: 0.5", resolver: new SilentHostResolver());

        Assert.All(failures, failure => StageAssert.Failed(FailureStage.Resolve, failure.Result, failure.What));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_PortRefused_EveryTypeFailsAtConnect(bool lastSubcheckAlone)
    {
        var failures = await FirstFailuresAsync(Types.Keys, "127.0.0.1", ClosedPort.Tcp(), lastSubcheckAlone, "timeout: 5");

        Assert.All(failures, failure => StageAssert.Failed(FailureStage.Connect, failure.Result, failure.What));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_SynDropped_EveryTypeFailsAtConnectTimeout(bool lastSubcheckAlone)
    {
        using var tarpit = Tarpit.Start();

        var failures = await FirstFailuresAsync(Types.Keys, "127.0.0.1", tarpit.Port, lastSubcheckAlone, "timeout: 0.5");

        Assert.All(failures, failure => StageAssert.Failed(FailureStage.ConnectTimeout, failure.Result, failure.What));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_PeerAcceptsAndSaysNothing_EveryTypeWithAProtocolFailsAtTimeout(bool lastSubcheckAlone)
    {
        // A tcp check has nothing to wait for once connected.
        await using var peer = SilentPeer.Start();

        var failures = await FirstFailuresAsync(Types.Keys.Where(type => type != "tcp"), "127.0.0.1", peer.Port, lastSubcheckAlone, "timeout: 1");

        Assert.All(failures, failure => StageAssert.Failed(FailureStage.Timeout, failure.Result, failure.What));
    }

    /// <summary>
    /// Runs one check of each of <paramref name="types"/> at once; returns, for each, its one failure
    /// and what it is (the type, and whether alone), failing the test when a check has none or several.
    /// </summary>
    private static async Task<IReadOnlyList<(CheckResult Result, string What)>> FirstFailuresAsync(
        IEnumerable<string> types,
        string host,
        int port,
        bool lastSubcheckAlone,
        string extra,
        int concurrency = 4,
        IHostResolver? resolver = null)
    {
        var names = types.ToArray();
        var yaml = string.Concat(names.Select(type => $"- {Types[type](host, port)}\n  {extra}\n"));
        var checks = ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table).Checks;

        // Planned by hand, not by name pattern: several types share subcheck names (tls:HOST:PORT).
        var planned = checks
            .Select((check, i) => lastSubcheckAlone ? new PlannedCheck(check, [check.Plan()[^1]], i * 10) : new PlannedCheck(check, check.Plan(), i * 10))
            .ToArray();
        var collector = new ResultCollector();
        var runner = new CheckRunner(new CheckContext(resolver ?? SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System));

        // A few at a time: a driver whose connect completed, but whose log a starved thread pool has not
        // yet written when the timeout fires, would look as if it were still connecting.
        await runner.RunAsync(planned, new RunOptions { MaxConcurrency = concurrency }, collector).WaitAsync(TimeSpan.FromSeconds(60));

        return names
            .Select((type, i) =>
            {
                var what = lastSubcheckAlone ? $"{type} (its last subcheck alone)" : type;
                var line = checks[i].Common.Position.Line;
                var results = collector.Results.Where(r => r.Subject?.Line == line).ToArray();
                Assert.True(results.Count(r => r.Status == ResultStatus.Failed) == 1, $"{what}: {string.Join("; ", results.Select(r => $"{r.Name} {r.Status} {r.Message}"))}");
                return (results.Single(r => r.Status == ResultStatus.Failed), what);
            })
            .ToArray();
    }
}
