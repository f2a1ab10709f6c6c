using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Serve;

/// <summary>SIGHUP makes serve read its configuration again (SPEC C5); a configuration that does not load leaves the previous one in use.</summary>
[SupportedOSPlatform("linux")]
public sealed class ServeReloadTests : TcpPeerServeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Sighup_NewConfiguration_RunsItAtOnceAndCountsTheReload()
    {
        using var closed = new ClosedPort();
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();

        Workspace.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {Peer.Port}
            - type: tcp
              host: 127.0.0.1
              port: {closed.Port}
            """);
        serve.Signal(PosixSignal.SIGHUP);

        // The interval is an hour: only the reload can have started the run that sees the closed port.
        (await serve.WaitForAsync("/ready", HttpStatusCode.ServiceUnavailable, Bound)).Dispose();
        var metrics = await serve.Client.GetStringAsync("/metrics");
        Assert.Contains($"conn_check_up{{name=\"tcp:127.0.0.1:{closed.Port}\",type=\"tcp\",host=\"127.0.0.1\",port=\"{closed.Port}\"}} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("conn_check_config_reloads_total{result=\"success\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("conn_check_config_reloads_total{result=\"failure\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("conn_check_config_last_reload_successful 1\n", metrics, StringComparison.Ordinal);
        await serve.Process.WaitForErrorLineAsync(l => l.EndsWith(" conn-check serve: reloaded the configuration: 2 check(s)", StringComparison.Ordinal), "the reload was logged", Bound);
        await serve.Process.WaitForErrorLineAsync(l => l.Contains(" conn-check serve: run 2: 1 OK, 0 WARNING, 1 FAILED, 0 SKIPPED in ", StringComparison.Ordinal), "the second run was logged", Bound);
    }

    [Fact]
    public async Task Sighup_ConfigurationThatFailsToLoad_IsLoggedCountedAndThePreviousOneKept()
    {
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "0.5", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();

        Workspace.Write("checks.yaml", "- type: tcp\n  host: 127.0.0.1\n");
        serve.Signal(PosixSignal.SIGHUP);

        var metrics = await WaitForMetricAsync(serve, "conn_check_config_last_reload_successful 0\n");
        Assert.Contains("conn_check_config_reloads_total{result=\"failure\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("conn_check_config_reloads_total{result=\"success\"} 0\n", metrics, StringComparison.Ordinal);
        await serve.Process.WaitForErrorLineAsync(l => l.EndsWith(" conn-check serve: reload: checks.yaml:1:3: tcp check is missing required option 'port'", StringComparison.Ordinal), "the bad file was reported", Bound);
        await serve.Process.WaitForErrorLineAsync(l => l.EndsWith(" conn-check serve: reload failed: the previous configuration stays in use", StringComparison.Ordinal), "the failed reload was logged", Bound);

        // Runs go on with the previous configuration, and a later good file is taken.
        var runs = RunsLogged(serve);
        await WaitUntilAsync(() => RunsLogged(serve) > runs + 1, serve);
        Assert.Equal(HttpStatusCode.OK, (await serve.Client.GetAsync("/ready")).StatusCode);
        Assert.False(serve.Process.HasExited, "serve ended after a bad reload");

        Workspace.Write("checks.yaml", $"- type: tcp\n  host: 127.0.0.1\n  port: {Peer.Port}\n");
        serve.Signal(PosixSignal.SIGHUP);
        metrics = await WaitForMetricAsync(serve, "conn_check_config_last_reload_successful 1\n");
        Assert.Contains("conn_check_config_reloads_total{result=\"success\"} 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sighup_ReloadedConfigurationWithASecret_KeepsItOutOfEveryEndpointAndLogLine()
    {
        const string Password = "reload-sekrit-42";
        using var closed = new ClosedPort();
        using var serve = await ServeProcess.StartAsync(Workspace.Path, "--interval", "3600", "-t", "checks.yaml");
        (await serve.WaitForAsync("/ready", HttpStatusCode.OK, Bound)).Dispose();

        Workspace.Write("checks.yaml", $"""
            - type: postgres
              host: 127.0.0.1
              port: {closed.Port}
              username: app
              password: {Password}
              database: app
            """);
        serve.Signal(PosixSignal.SIGHUP);
        (await serve.WaitForAsync("/ready", HttpStatusCode.ServiceUnavailable, Bound)).Dispose();

        var bodies = await Task.WhenAll(new[] { "/metrics", "/results", "/ready" }.Select(async path =>
        {
            using var response = await serve.Client.GetAsync(path);
            return await response.Content.ReadAsStringAsync();
        }));
        Assert.All(bodies, body => Assert.DoesNotContain(Password, body, StringComparison.OrdinalIgnoreCase));
        Assert.All(serve.Process.ErrorLines, line => Assert.DoesNotContain(Password, line, StringComparison.OrdinalIgnoreCase));
    }

    private static int RunsLogged(ServeProcess serve) => serve.Process.ErrorLines.Count(l => l.Contains(" conn-check serve: run ", StringComparison.Ordinal));

    private static async Task<string> WaitForMetricAsync(ServeProcess serve, string line)
    {
        string metrics = "";
        await WaitUntilAsync(async () => (metrics = await serve.Client.GetStringAsync("/metrics")).Contains(line, StringComparison.Ordinal), serve);
        return metrics;
    }

    private static Task WaitUntilAsync(Func<bool> condition, ServeProcess serve) => WaitUntilAsync(() => Task.FromResult(condition()), serve);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, ServeProcess serve)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > Bound)
            {
                Assert.Fail($"not so after {Bound.TotalSeconds} s; stderr:\n{string.Join("\n", serve.Process.ErrorLines)}");
            }

            await Task.Delay(50);
        }
    }
}
