using System.Diagnostics;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>Apache's <c>Redirect 302</c>: a failure by default, as in 1.x, unless expected or followed; followed, within the check's one timeout.</summary>
public sealed class HttpRedirectTests(TestServers servers) : IClassFixture<TestServers>
{
    private string HostPort => $"127.0.0.1:{servers.ApacheHttpPort}";

    [Fact]
    public async Task Run_RedirectByDefault_FailsWith302AndDoesNotFollow()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RedirectPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var (tcp, request) = run.Check(url, HostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Failed, request.Status);
        Assert.StartsWith("Unexpected response code: 302", request.Message, StringComparison.Ordinal);

        // Followed, the redirect would have reached the recorder before the check ended.
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_RedirectExpected302_SucceedsWithoutFollowing()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RedirectPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_code: 302\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_AllowRedirects_FollowsToTheTarget()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RedirectPath(token) + "?kept=yes");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  allow_redirects: true\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        var recorded = servers.RequestWith(token);
        Assert.Equal(servers.RecordPath(token), recorded.Path);
        Assert.Equal("kept=yes", recorded.Query);
    }

    [Fact]
    public async Task Run_AllowRedirectsExpecting302_FailsWithTheFinalStatus()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RedirectPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  allow_redirects: yes\n  expected_code: 302\n", null);

        Assert.Equal("Unexpected response code: 200", run.Check(url, HostPort).Request.Message);
        Assert.Single(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_RedirectToAServerThatNeverAnswers_TimesOutWithinTheCheckTimeout()
    {
        // The check's one timeout bounds every hop together.
        await using var silent = SilentPeer.Start();
        await using var redirector = HttpPeer.Start(_ => new HttpPeerAnswer(302, $"http://127.0.0.1:{silent.Port}/"));
        var url = $"{redirector.Origin}/start";
        var clock = Stopwatch.StartNew();

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  allow_redirects: true\n  timeout: 0.5\n", null);

        clock.Stop();
        var request = run.Result($"http:{url}:");
        StageAssert.Failed(FailureStage.Timeout, request);
        Assert.Equal("timed out after 0.5 s", request.Message);
        Assert.Single(redirector.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}
