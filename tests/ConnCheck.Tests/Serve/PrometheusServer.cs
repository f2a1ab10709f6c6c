using System.Diagnostics;
using System.Text.Json;
using ConnCheck.Tests.Services;

namespace ConnCheck.Tests.Serve;

/// <summary>
/// The Prometheus that <c>scripts/servers/prometheus.sh</c> runs on loopback: it scrapes one fixed
/// target, where a test runs serve, every second, and evaluates examples/prometheus's rules. Asked
/// through its HTTP API.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("prometheus");
    private readonly HttpClient _client;

    public PrometheusServer() =>
        _client = new HttpClient { BaseAddress = new Uri(Setting("URL")), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>ADDR:PORT that Prometheus scrapes as job <see cref="Job"/>: where the test runs serve.</summary>
    public string Target => Setting("TARGET");

    public string Job => Setting("JOB");

    /// <summary>The copy of the rules file that Prometheus loaded.</summary>
    public string RulesPath => Setting("RULES");

    /// <summary>The series <paramref name="query"/> selects now, each with its labels and value.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string query)
    {
        using var document = await GetJsonAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}");
        return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => new PrometheusSample(
            series.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? "", StringComparer.Ordinal),
            series.GetProperty("value")[1].GetString() ?? ""))];
    }

    /// <summary>
    /// Queries every 200 ms until <paramref name="done"/> holds for the answer; fails the test after
    /// <paramref name="bound"/>, naming what was awaited, the last answer, the target's health and <paramref name="context"/>.
    /// </summary>
    public async Task<IReadOnlyList<PrometheusSample>> WaitForAsync(string query, string what, Func<IReadOnlyList<PrometheusSample>, bool> done, TimeSpan bound, Func<string> context)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var samples = await QueryAsync(query);
            if (done(samples))
            {
                return samples;
            }

            if (watch.Elapsed > bound)
            {
                Assert.Fail($"""
                    Prometheus did not see {what} within {bound.TotalSeconds} s.
                    query: {query}
                    last answer: {(samples.Count == 0 ? "no series" : string.Join("; ", samples))}
                    target {Target}: {await TargetHealthAsync()}
                    {context()}
                    """);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The alerting rules loaded, by name, with each one's health ("ok" once evaluated without error).</summary>
    public async Task<IReadOnlyDictionary<string, string>> AlertingRulesAsync()
    {
        using var document = await GetJsonAsync("/api/v1/rules?type=alert");
        return document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .ToDictionary(rule => rule.GetProperty("name").GetString() ?? "", rule => rule.GetProperty("health").GetString() ?? "", StringComparer.Ordinal);
    }

    /// <summary>The scrape target's health and last error, as Prometheus's /api/v1/targets reports them.</summary>
    public async Task<string> TargetHealthAsync()
    {
        using var document = await GetJsonAsync("/api/v1/targets?state=active");
        foreach (var target in document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
        {
            if (target.GetProperty("scrapeUrl").GetString()?.Contains($"//{Target}/", StringComparison.Ordinal) == true)
            {
                return $"health {target.GetProperty("health").GetString()}, last error \"{target.GetProperty("lastError").GetString()}\"";
            }
        }

        return "not among Prometheus's targets";
    }

    public void Dispose() => _client.Dispose();

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        HttpResponseMessage response;
        try
        {
            response = await _client.GetAsync(path);
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"the prometheus test server does not answer at {_client.BaseAddress} ({e.Message}): run `bash scripts/test-servers.sh start`");
            throw;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"Prometheus answered {(int)response.StatusCode} to {path}: {body}");
            return JsonDocument.Parse(body);
        }
    }

    private string Setting(string key) =>
        _settings.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"prometheus/server.env has no {key}: it was written by an older scripts/servers/prometheus.sh; run `bash scripts/test-servers.sh start`");
}
