using System.Net;
using System.Text;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// Redirects keep credentials home (SPEC C2): a redirect to another origin (scheme, host or port)
/// gets no Cookie, no <c>cookies</c>, no Authorization and no secret header; a redirect within the
/// origin gets them all. Apache records what the target of a redirect received, our <see cref="HttpPeer"/>
/// redirects from, and records at, the origins Apache does not serve.
/// </summary>
public sealed class HttpRedirectCredentialTests(TestServers servers) : IClassFixture<TestServers>
{
    [Fact]
    public async Task Run_RedirectToAnotherOrigin_TargetGetsNoCredentials()
    {
        var token = TestServers.NewToken();
        await using var redirector = HttpPeer.Start(_ => new HttpPeerAnswer(302, servers.Http(servers.RecordPath(token))));
        var url = $"{redirector.Origin}/start";

        var run = await HttpRun.RunAsync(Config(url, token), null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"127.0.0.1:{redirector.Port}").Request.Status);
        AssertCarriesCredentials(Assert.Single(redirector.Requests).Header, token);
        var recorded = servers.RequestWith(token);
        AssertCarriesNoCredentials(recorded.Header, token);
        Assert.Equal("", recorded.User);
    }

    [Fact]
    public async Task Run_RedirectWithinTheOrigin_TargetGetsEveryCredential()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RedirectPath(token));

        var run = await HttpRun.RunAsync(Config(url, token), null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"127.0.0.1:{servers.ApacheHttpPort}").Request.Status);
        var recorded = servers.RequestWith(token);
        Assert.Equal(servers.RecordPath(token), recorded.Path);
        AssertCarriesCredentials(recorded.Header, token);
    }

    [Theory]
    [InlineData("another host")]
    [InlineData("another port")]
    public async Task Run_RedirectBetweenPeers_OnlyTheFirstOriginGetsCredentials(string difference)
    {
        var token = TestServers.NewToken();
        HttpPeer? target = null;
        await using var redirecting = HttpPeer.Start(_ => new HttpPeerAnswer(307, $"{target!.Origin}/landed"));

        // Another host on the same port, or the same host on another port.
        await using var landing = difference == "another host"
            ? HttpPeer.Start(_ => new HttpPeerAnswer(200), IPAddress.Parse("127.0.0.2"), redirecting.Port)
            : HttpPeer.Start(_ => new HttpPeerAnswer(200));
        target = landing;
        var url = $"{redirecting.Origin}/start";

        var run = await HttpRun.RunAsync(Config(url, token), null);

        Assert.Equal(ResultStatus.Ok, run.Result($"http:{url}:").Status);
        AssertCarriesCredentials(Assert.Single(redirecting.Requests).Header, token);
        var landed = Assert.Single(landing.Requests);
        Assert.Equal("/landed", landed.Target);
        AssertCarriesNoCredentials(landed.Header, token);
    }

    [Theory]
    [InlineData("/landed")]
    [InlineData("absolute")]
    public async Task Run_RedirectToTheSamePeer_SecondRequestGetsEveryCredential(string location)
    {
        var token = TestServers.NewToken();
        HttpPeer? self = null;
        await using var peer = HttpPeer.Start(r => r.Target == "/landed" ? new HttpPeerAnswer(200) : new HttpPeerAnswer(302, location == "absolute" ? $"{self!.Origin}/landed" : location));
        self = peer;
        var url = $"{peer.Origin}/start";

        var run = await HttpRun.RunAsync(Config(url, token), null);

        Assert.Equal(ResultStatus.Ok, run.Result($"http:{url}:").Status);
        Assert.Equal(["/start", "/landed"], peer.Requests.Select(r => r.Target));
        AssertCarriesCredentials(peer.Requests[1].Header, token);
    }

    [Theory]
    [InlineData(301, "POST", "GET", "")]
    [InlineData(302, "POST", "GET", "")]
    [InlineData(303, "PUT", "GET", "")]
    [InlineData(307, "POST", "POST", "the body")]
    [InlineData(308, "PUT", "PUT", "the body")]
    public async Task Run_RedirectOfARequestWithBody_MethodAndBodyAsTheStatusSays(int status, string method, string arrivedMethod, string arrivedBody)
    {
        var token = TestServers.NewToken();
        await using var redirector = HttpPeer.Start(_ => new HttpPeerAnswer(status, servers.Http(servers.RecordPath(token))));
        var url = $"{redirector.Origin}/start";

        var run = await HttpRun.RunAsync(Config(url, token) + $"  method: {method}\n  body: the body\n", null);

        Assert.Equal(ResultStatus.Ok, run.Result($"http:{url}:").Status);
        Assert.Equal("the body", Assert.Single(redirector.Requests).Body);
        var recorded = servers.RequestWith(token);
        Assert.Equal(arrivedMethod, recorded.Method);
        Assert.Equal(arrivedBody, recorded.Body);
        AssertCarriesNoCredentials(recorded.Header, token);
    }

    [Fact]
    public async Task Run_EndlessRedirects_StopsAfter50AndFailsWithTheLastRedirect()
    {
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(302, "/again"));
        var url = $"{peer.Origin}/start";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  allow_redirects: true\n  timeout: 10\n", null);

        Assert.Equal("Unexpected response code: 302 (redirect to /again)", run.Result($"http:{url}:").Message);
        Assert.Equal(51, peer.Requests.Count);
    }

    [Fact]
    public async Task Run_RedirectNotAllowed_IsNotFollowedAndItsSecretsAreMasked()
    {
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(302, "https://tok-123@127.0.0.1:1/next?access_token=loc-secret&page=2"));
        var url = $"{peer.Origin}/start";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        Assert.Equal("Unexpected response code: 302 (redirect to https://***@127.0.0.1:1/next?access_token=***&page=2)", run.Result($"http:{url}:").Message);
        Assert.Single(peer.Requests);
    }

    // Every kind of credential an http check sends, each with a value only this test uses, and one ordinary header.
    private static string Config(string url, string token) =>
        $"- type: http\n  url: '{url}'\n  allow_redirects: true\n  timeout: 10\n"
        + $"  headers:\n    X-Api-Key: key-{token}\n    X-Session-Token: st-{token}\n    X-Trace: trace-{token}\n"
        + $"  cookies: {{session: 'c-{token}'}}\n  auth: [alice, 'pw-{token}']\n";

    private static void AssertCarriesCredentials(Func<string, string?> header, string token)
    {
        Assert.Equal($"key-{token}", header("X-Api-Key"));
        Assert.Equal($"st-{token}", header("X-Session-Token"));
        Assert.Equal($"session=c-{token}", header("Cookie"));
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice:pw-{token}"))}", header("Authorization"));
        Assert.Equal($"trace-{token}", header("X-Trace"));
    }

    private static void AssertCarriesNoCredentials(Func<string, string?> header, string token)
    {
        Assert.Null(header("X-Api-Key"));
        Assert.Null(header("X-Session-Token"));
        Assert.Null(header("Cookie"));
        Assert.Null(header("Authorization"));

        // Not all headers are dropped: only credentials.
        Assert.Equal($"trace-{token}", header("X-Trace"));
    }
}
