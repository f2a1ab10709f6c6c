using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>What the http check sends, proven on the server side by Apache's recording CGI.</summary>
public sealed class HttpRequestTests(TestServers servers) : IClassFixture<TestServers>
{
    private string HostPort => $"127.0.0.1:{servers.ApacheHttpPort}";

    [Fact]
    public async Task Run_PlainGet_NamesTcpThenRequestAndBothSucceed()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var (tcp, request) = run.Check(url, HostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Ok, request.Status);
        Assert.Equal($"GET {url}", request.Info);
        Assert.Equal(["http:" + url + ":tcp:" + HostPort, "http:" + url + ":"], run.Results.Select(r => r.Name));
        Assert.Equal("GET", servers.RequestWith(token).Method);
    }

    [Fact]
    public async Task Run_HttpsAlias_RunsAnHttpCheck()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: HTTPS\n  url: '{url}'\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        Assert.Single(servers.RequestsWith(token));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("patch")]
    public async Task Run_MethodWithBody_ServerReceivesMethodAndBody(string method)
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));
        var body = $"{{\"token\": \"{token}\", \"text\": \"grüße & more\"}}";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  method: {method}\n  body: '{body}'\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        var recorded = servers.RequestWith(token);
        Assert.Equal(method.ToUpperInvariant(), recorded.Method);
        Assert.Equal(body, recorded.Body);
    }

    [Fact]
    public async Task Run_HeadersAsMapping_ServerReceivesEachHeader()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  headers:\n    X-First: one\n    X-Second: 'two, with comma'\n    User-Agent: conn-check-test/{token}\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        var recorded = servers.RequestWith(token);
        Assert.Equal("one", recorded.Header("X-First"));
        Assert.Equal("two, with comma", recorded.Header("X-Second"));
        Assert.Equal($"conn-check-test/{token}", recorded.Header("User-Agent"));
    }

    [Fact]
    public async Task Run_HeadersAsListOfPairs_RepeatedHeaderArrivesWithBothValues()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  headers:\n    - [X-Repeat, first]\n    - [X-Repeat, second]\n    - [X-Other, third]\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        var recorded = servers.RequestWith(token);

        // CGI merges a repeated header into one variable, in the order the values arrived.
        Assert.Equal("first, second", recorded.Header("X-Repeat"));
        Assert.Equal("third", recorded.Header("X-Other"));
    }

    [Fact]
    public async Task Run_ContentTypeHeaderWithBody_ServerReceivesIt()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  method: POST\n  body: 'a=1'\n  headers: {{Content-Type: application/x-www-form-urlencoded}}\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        var recorded = servers.RequestWith(token);
        Assert.Equal("a=1", recorded.Body);
        Assert.Equal("application/x-www-form-urlencoded", recorded.ContentType);
    }

    [Fact]
    public async Task Run_Params_AreEncodedAndAddedToTheExistingQuery()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token) + "?existing=1");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  params:\n    added: 'two words'\n    odd: '&=/?'\n", null);

        // The name keeps the URL as written; the request carries the params.
        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        Assert.Equal("existing=1&added=two%20words&odd=%26%3D%2F%3F", servers.RequestWith(token).Query);
    }

    [Fact]
    public async Task Run_ParamsWithoutQuery_StartTheQuery()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  params: [[k, v1], [k, v2]]\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        Assert.Equal("k=v1&k=v2", servers.RequestWith(token).Query);
    }

    [Fact]
    public async Task Run_Cookies_ArriveInOneCookieHeader()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  cookies:\n    session: s-{token}\n    theme: dark\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        Assert.Equal($"session=s-{token}; theme=dark", servers.RequestWith(token).Header("Cookie"));
    }

    [Fact]
    public async Task Run_BasicAuth_ApacheAcceptsTheUser()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.BasicPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  auth: ['{servers.BasicUser}', '{servers.BasicPassword}']\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        var recorded = servers.RequestWith(token);
        Assert.Equal(servers.BasicUser, recorded.User);
        Assert.StartsWith("Basic ", recorded.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BasicAuthWrongPassword_FailsWith401()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.BasicPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  auth: ['{servers.BasicUser}', 'not-the-password']\n", null);

        var (tcp, request) = run.Check(url, HostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(FailureStage.Auth, request);
        Assert.Equal("Unexpected response code: 401", request.Message);
        Assert.Empty(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_BasicPathWithoutAuth_FailsWith401()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.BasicPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var request = run.Check(url, HostPort).Request;
        StageAssert.Failed(FailureStage.Auth, request);
        Assert.Equal("Unexpected response code: 401", request.Message);
    }

    [Fact]
    public async Task Run_DigestAuth_AnswersApacheDigestChallenge()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.DigestPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  digest_auth: ['{servers.DigestUser}', '{servers.DigestPassword}']\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        var recorded = servers.RequestWith(token);
        Assert.Equal(servers.DigestUser, recorded.User);
        var authorization = recorded.Header("Authorization");
        Assert.StartsWith("Digest ", authorization, StringComparison.Ordinal);
        Assert.Contains($"username=\"{servers.DigestUser}\"", authorization, StringComparison.Ordinal);
        Assert.DoesNotContain(servers.DigestPassword, authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DigestAuthWrongPassword_Fails()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.DigestPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  digest_auth: ['{servers.DigestUser}', 'not-the-password']\n", null);

        var request = run.Check(url, HostPort).Request;
        StageAssert.Failed(FailureStage.Auth, request);
        Assert.Equal("Unexpected response code: 401", request.Message);
        Assert.Empty(servers.RequestsWith(token));
    }

    [Theory]
    [InlineData("201")]
    [InlineData("'201'")]
    [InlineData("\"201\"")]
    public async Task Run_ExpectedCodeMatchesStatus_Succeeds(string written)
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token) + "?status=201");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_code: {written}\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        Assert.Single(servers.RequestsWith(token));
    }

    [Fact]
    public async Task Run_StatusOtherThanDefault200_FailsNamingTheCode()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token) + "?status=201");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var request = run.Check(url, HostPort).Request;
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal("Unexpected response code: 201", request.Message);
        Assert.Equal($"GET {url}", request.Info);
    }

    [Fact]
    public async Task Run_ExpectedCodeAsStringNotMatching_Fails()
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token));

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_code: '204'\n", null);

        var request = run.Check(url, HostPort).Request;
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal("Unexpected response code: 200", request.Message);
    }

    [Fact]
    public async Task Run_MissingPage_FailsWith404()
    {
        var url = servers.Http(servers.MissingPath);

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var (tcp, request) = run.Check(url, HostPort);
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal("Unexpected response code: 404", request.Message);
    }

    [Fact]
    public async Task Run_MissingPageExpected404_Succeeds()
    {
        var url = servers.Http(servers.MissingPath);

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_code: 404\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
    }
}
