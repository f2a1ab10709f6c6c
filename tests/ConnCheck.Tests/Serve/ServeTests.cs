using System.Net;
using System.Text.RegularExpressions;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Output;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Serve;

/// <summary><c>conn-check serve</c> (SPEC C5) through the published binary, on a free port of 127.0.0.1.</summary>
public sealed class ServeTests : TcpPeerServeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Serve_PeerStopped_ReadyTurns503AfterTheNextRun()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "0.5", "checks.yaml");

        using (var health = await serve.Client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();
        var port = Peer.Port;
        await Peer.DisposeAsync();
        using var notReady = await serve.WaitForAsync("/ready", HttpStatusCode.ServiceUnavailable, Bound);

        Assert.Equal("not ready: 1 result(s) FAILED in the latest run\n", await notReady.Content.ReadAsStringAsync());
        var metrics = await serve.Client.GetStringAsync("/metrics");
        Assert.Contains($"conn_check_up{{name=\"tcp:127.0.0.1:{port}\",type=\"tcp\",host=\"127.0.0.1\",port=\"{port}\"}} 0\n", metrics, StringComparison.Ordinal);
        await serve.Process.WaitForErrorLineAsync(l => Regex.IsMatch(l, @"^\d{4}-\d\d-\d\dT\S+Z conn-check serve: run \d+: 0 OK, 0 WARNING, 1 FAILED, 0 SKIPPED in [0-9.]+ s$"), "the failed run was logged", Bound);
    }

    [Fact]
    public async Task Serve_Metrics_AreValidExpositionWithTheResultsAndTheProcessOwn()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();

        using var response = await serve.Client.GetAsync("/metrics");
        var metrics = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.False(response.Headers.Contains("Server"));
        await Promtool.AssertAcceptsAsync(metrics);
        Assert.Contains($"conn_check_up{{name=\"tcp:127.0.0.1:{Peer.Port}\",type=\"tcp\",host=\"127.0.0.1\",port=\"{Peer.Port}\"}} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\nconn_check_runs_total 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\nconn_check_run_errors_total 0\n", metrics, StringComparison.Ordinal);
        Assert.Matches(@"\nconn_check_build_info\{version=""\d+\.\d+\.\d+[^""]*""\} 1\n", metrics);
    }

    [Fact]
    public async Task Serve_BeforeTheFirstRunEnds_ReadyAndResultsAnswer503MetricsHasOnlyTheProcessOwn()
    {
        using var tarpit = Tarpit.Start();
        Workspace.Write("slow.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {tarpit.Port}
              timeout: 30
            """);
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "slow.yaml");

        using var ready = await serve.Client.GetAsync("/ready");
        using var results = await serve.Client.GetAsync("/results");
        var metrics = await serve.Client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("not ready: no run has ended yet\n", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, results.StatusCode);
        Assert.DoesNotContain("conn_check_up", metrics, StringComparison.Ordinal);
        Assert.Contains("\nconn_check_runs_total 0\n", metrics, StringComparison.Ordinal);
        await Promtool.AssertAcceptsAsync(metrics);
    }

    [Fact]
    public async Task Serve_FormatFiles_AreWrittenWholeAfterEachRun()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "0.3", "--format", "tap:results.tap", "--format", "json:results.json", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();
        var first = File.GetLastWriteTimeUtc(Path.Combine(Workspace.Path, "results.tap"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (File.GetLastWriteTimeUtc(Path.Combine(Workspace.Path, "results.tap")) == first && watch.Elapsed < Bound)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["TAP version 13", "1..1", $"ok 1 - tcp:127.0.0.1:{Peer.Port}"], File.ReadAllLines(Path.Combine(Workspace.Path, "results.tap")).Take(3));
        ResultsSchema.AssertValid(File.ReadAllText(Path.Combine(Workspace.Path, "results.json")));
        Assert.True(watch.Elapsed < Bound, "the file was not written again after the next run");
    }

    [Fact]
    public async Task Serve_Results_AreTheJsonFormatValidAgainstTheSchema()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();

        using var response = await serve.Client.GetAsync("/results");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        ResultsSchema.AssertValid(json);
        Assert.Contains($"\"name\": \"tcp:127.0.0.1:{Peer.Port}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AThousandConcurrentScrapes_ThePeerSeesOnlyTheScheduledRun()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();
        var before = Peer.Accepted;

        var paths = new[] { "/metrics", "/results", "/ready", "/healthz" };
        var statuses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            using var response = await serve.Client.GetAsync(paths[i % paths.Length]);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, before);
        Assert.Equal(before, Peer.Accepted);
    }

    [Fact]
    public async Task Serve_ASecretInTheConfiguration_AppearsInNoEndpointNorLogLine()
    {
        using var closed = new ClosedPort();
        const string Secret = "Serve-S3cret-Pass";
        Workspace.Write("secret.yaml", $"""
            - type: http
              url: "http://api:{Secret}@127.0.0.1:{closed.Port}/"
            """);
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "0.5", "-t", "-v", "secret.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.ServiceUnavailable, Bound)).Dispose();
        await serve.WaitForAsync("/results", HttpStatusCode.OK, Bound);

        var bodies = await Task.WhenAll(new[] { "/metrics", "/results", "/ready" }.Select(async path =>
        {
            using var response = await serve.Client.GetAsync(path);
            return await response.Content.ReadAsStringAsync();
        }));
        var everything = string.Join("\n", bodies) + string.Join("\n", serve.Process.ErrorLines);

        Assert.Contains("***", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_Ipv6LoopbackPort0_ListensThereAndNamesTheAddress()
    {
        using var serve = await ServeProcess.StartOnAsync("[::1]:0", Workspace.Path, "--interval", "3600", "checks.yaml");

        using var health = await serve.Client.GetAsync("/healthz");

        Assert.Equal("[::1]", serve.Client.BaseAddress!.Host);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Serve_LongUrlOrManyHeaders_AreRefusedAtOnceAndScrapesGoOn()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");

        using var longUrl = await serve.Client.GetAsync("/metrics?" + new string('a', 1024 * 1024));
        using var manyHeaders = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        for (var i = 0; i < 100; i++)
        {
            manyHeaders.Headers.Add($"X-Header-{i}", "value");
        }

        using var headersRefused = await serve.Client.SendAsync(manyHeaders);
        using var scrape = await serve.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longUrl.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, headersRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/results")]
    public async Task Serve_AcceptEncodingGzip_AnswersTheSameBodyGzipped(string path)
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();

        var plain = await serve.Client.GetByteArrayAsync(path);
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept-Encoding", "gzip" } } };
        using var gzipped = await serve.Client.SendAsync(gzipRequest);
        using var refusedRequest = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept-Encoding", "gzip;q=0, *" } } };
        using var refused = await serve.Client.SendAsync(refusedRequest);

        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", gzipped.Headers.Vary);
        await using (var unzipped = new System.IO.Compression.GZipStream(await gzipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress))
        {
            using var copy = new MemoryStream();
            await unzipped.CopyToAsync(copy);
            Assert.Equal(plain, copy.ToArray());
        }

        Assert.Empty(refused.Content.Headers.ContentEncoding);
        Assert.Equal(plain, await refused.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Serve_UnknownPathOrMethod_Answers404Or405()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");

        using var unknown = await serve.Client.GetAsync("/nope");
        using var post = await serve.Client.PostAsync("/metrics", new StringContent(""));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }
}
