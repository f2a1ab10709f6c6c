using ConnCheck.Checks;
using ConnCheck.Configuration;
using ConnCheck.Running;
using ConnCheck.Services;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

/// <summary>
/// The failures every check type meets before its protocol starts — a name that does not resolve, a
/// refused port, a dropped SYN, a peer that accepts and says nothing — at the same stage whichever
/// type meets them (SPEC C1). Each runs twice: the whole check, where the tcp subcheck that leads
/// most types meets the failure first, and the type's own last subcheck alone (selected by name), so
/// that the driver's or protocol's own connection is classified too.
/// </summary>
public sealed class TransportStageTests
{
    // RFC 6761 reserves .invalid: no name in it resolves. A name, not a fake resolver, because the
    // drivers of postgres, mysql and mongodb resolve names themselves.
    private const string Unresolvable = "nothing.invalid";

    // Each type, with its options where the failure comes before they matter.
    private static readonly Dictionary<string, Func<string, int, string>> Yaml = new()
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
        ["amqps"] = (host, port) => $"type: amqp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  use_tls: true",
        ["smtp"] = (host, port) => $"type: smtp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  send: false\n  use_tls: false",
        ["smtps"] = (host, port) => $"type: smtp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  send: false\n  use_tls: true",
        ["smtp-starttls"] = (host, port) => $"type: smtp\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret\n  send: false\n  starttls: true",
        ["mongodb"] = (host, port) => $"type: mongodb\n  host: {host}\n  port: {port}\n  username: someone\n  password: secret",
    };

    public static TheoryData<string, bool> TcpTypes() => Cases(Yaml.Keys);

    // A tcp check has nothing to wait for once connected.
    public static TheoryData<string, bool> TypesWithAProtocol() => Cases(Yaml.Keys.Where(type => type != "tcp"));

    private static TheoryData<string, bool> Cases(IEnumerable<string> types)
    {
        var data = new TheoryData<string, bool>();
        foreach (var type in types)
        {
            data.Add(type, false);
            data.Add(type, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TcpTypes))]
    public async Task Run_NameDoesNotResolve_Resolve(string type, bool lastOnly)
    {
        var failed = await FirstFailureAsync(type, Unresolvable, 80, lastOnly, "timeout: 5");

        StageAssert.Failed(FailureStage.Resolve, failed);
    }

    [Theory]
    [MemberData(nameof(TcpTypes))]
    public async Task Run_PortRefused_Connect(string type, bool lastOnly)
    {
        var failed = await FirstFailureAsync(type, "127.0.0.1", ClosedPort.Tcp(), lastOnly, "timeout: 5");

        StageAssert.Failed(FailureStage.Connect, failed);
    }

    [Theory]
    [MemberData(nameof(TcpTypes))]
    public async Task Run_SynDropped_ConnectTimeout(string type, bool lastOnly)
    {
        using var tarpit = Tarpit.Start();

        var failed = await FirstFailureAsync(type, "127.0.0.1", tarpit.Port, lastOnly, "timeout: 0.5");

        StageAssert.Failed(FailureStage.ConnectTimeout, failed);
    }

    [Theory]
    [MemberData(nameof(TypesWithAProtocol))]
    public async Task Run_PeerAcceptsAndSaysNothing_Timeout(string type, bool lastOnly)
    {
        await using var peer = SilentPeer.Start();

        var failed = await FirstFailureAsync(type, "127.0.0.1", peer.Port, lastOnly, "timeout: 0.5");

        StageAssert.Failed(FailureStage.Timeout, failed);
    }

    private static async Task<CheckResult> FirstFailureAsync(string type, string host, int port, bool lastOnly, string extra)
    {
        var yaml = $"- {Yaml[type](host, port)}\n  {extra}\n";
        var selection = Selection.All;
        if (lastOnly)
        {
            var last = ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table).Checks.Single().Plan()[^1].Name;
            selection = new Selection(TagFilter.None, new NamePattern([last]));
        }

        var results = await CheckHarness.RunAsync(yaml, selection: selection);
        return Assert.Single(results, r => r.Status == ResultStatus.Failed);
    }
}
