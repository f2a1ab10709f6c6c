using ConnCheck.TestPeers;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Serve;

/// <summary>
/// A real Prometheus (<c>scripts/servers/prometheus.sh</c>) scraping <c>conn-check serve</c> every second
/// and evaluating examples/prometheus/conn-check-alerts.yaml: what it stores and alerts on follows a
/// dependency that goes away and comes back. serve runs on the one target Prometheus scrapes, so these
/// tests take turns (one class).
/// </summary>
public sealed class PrometheusScrapeTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly PrometheusServer _prometheus = new();
    private readonly TempDirectory _directory = new();

    // The check's own name, a label of its series: this run's, never an earlier run's on the same port.
    private readonly string _check = $"prometheus-scrape-{Guid.NewGuid():N}";

    [Fact]
    public async Task Serve_DependencyStopsAndComesBack_PrometheusSeesUpThenDownWithThePendingAlertThenUp()
    {
        var peer = TcpPeer.Start();
        var port = peer.Port;
        try
        {
            _directory.Write("checks.yaml", $"- {{type: tcp, host: 127.0.0.1, port: {port}, name: {_check}}}\n");
            using var serve = await ServeProcess.StartOnAsync(_prometheus.Target, _directory.Path, "--interval", "1", "checks.yaml");
            string Context() => $"serve's stderr:\n{string.Join("\n", serve.Process.ErrorLines)}";
            var up = $"conn_check_up{{check=\"{_check}\"}}";

            var first = await _prometheus.WaitForAsync(up, "the dependency up (1)", s => s is [{ Value: "1" }], Bound, Context);
            var labels = first[0].Labels;
            Assert.Equal(_prometheus.Job, labels["job"]);
            Assert.Equal(_prometheus.Target, labels["instance"]);
            Assert.Equal(("tcp", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), (labels["type"], labels["host"], labels["port"]));
            var build = await _prometheus.QueryAsync($"conn_check_build_info{{job=\"{_prometheus.Job}\",instance=\"{_prometheus.Target}\"}}");
            Assert.True(build is [{ Value: "1" }] && build[0].Labels.TryGetValue("version", out var version) && version.Length > 0,
                $"conn_check_build_info: {string.Join("; ", build)}");

            await peer.DisposeAsync();
            await _prometheus.WaitForAsync(up, "the dependency down (0)", s => s is [{ Value: "0" }], Bound, Context);
            // The rule's `for` keeps it pending for minutes, but pending shows that its expression and
            // labels match the series serve exports.
            var pending = await _prometheus.WaitForAsync($"ALERTS{{alertname=\"ConnCheckDependencyDown\",check=\"{_check}\"}}",
                "ConnCheckDependencyDown pending", s => s is [_] && s[0].Labels.GetValueOrDefault("alertstate") == "pending", Bound, Context);
            Assert.Equal(("critical", labels["port"], _prometheus.Target), (pending[0].Labels["severity"], pending[0].Labels["port"], pending[0].Labels["instance"]));

            peer = TcpPeer.Start(port: port);
            await _prometheus.WaitForAsync(up, "the dependency up again (1)", s => s is [{ Value: "1" }], Bound, Context);
            await _prometheus.WaitForAsync($"ALERTS{{check=\"{_check}\"}}", "no alert once the dependency is back", s => s.Count == 0, Bound, Context);
        }
        finally
        {
            await peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Prometheus_Rules_AreTheExampleRulesEvaluatedWithoutError()
    {
        var example = Path.Combine(ConnCheckBinary.RepoRoot, "examples", "prometheus", "conn-check-alerts.yaml");
        Assert.True(File.ReadAllText(example) == File.ReadAllText(_prometheus.RulesPath),
            $"the prometheus test server runs other rules ({_prometheus.RulesPath}) than {example}: run `bash scripts/test-servers.sh start`, which reloads it");

        var rules = await _prometheus.AlertingRulesAsync();

        var names = File.ReadLines(example).Select(l => l.Trim()).Where(l => l.StartsWith("- alert: ", StringComparison.Ordinal)).Select(l => l["- alert: ".Length..]);
        Assert.Equal(names.Order(StringComparer.Ordinal), rules.Keys.Order(StringComparer.Ordinal));
        Assert.All(rules, rule => Assert.True(rule.Value is "ok" or "unknown", $"{rule.Key}: health {rule.Value}"));
    }

    public void Dispose()
    {
        _directory.Dispose();
        _prometheus.Dispose();
    }
}
