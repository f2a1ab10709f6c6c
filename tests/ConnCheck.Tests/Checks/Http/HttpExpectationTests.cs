using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// <c>expected_code</c> as a list or a range, <c>expected_body</c> and <c>expected_body_regex</c>,
/// against the real Apache (its recording CGI answers any status; its <c>/</c> a known page) and nginx.
/// </summary>
public sealed class HttpExpectationTests(TestServers servers) : IClassFixture<TestServers>
{
    private string HostPort => $"127.0.0.1:{servers.ApacheHttpPort}";

    [Theory]
    [InlineData(201, "[200, 201]")]
    [InlineData(204, "200-299")]
    [InlineData(204, "'200 - 299'")]
    [InlineData(302, "[200, 300-399]")]
    [InlineData(200, "['200-200']")]
    public async Task Run_StatusWithinExpectedCodes_Succeeds(int status, string written)
    {
        var token = TestServers.NewToken();
        var url = servers.Http(servers.RecordPath(token) + $"?status={status}");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_code: {written}\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, HostPort).Request.Status);
        Assert.Single(servers.RequestsWith(token));
    }

    [Theory]
    [InlineData(200, "[201, 204]")]
    [InlineData(200, "201-299")]
    [InlineData(404, "[200-299, 300-399]")]
    [InlineData(500, "100-499")]
    public async Task Run_StatusOutsideExpectedCodes_FailsNamingTheStatus(int status, string written)
    {
        var url = servers.Http(servers.RecordPath(TestServers.NewToken()) + $"?status={status}");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_code: {written}\n", null);

        var request = run.Check(url, HostPort).Request;
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal($"Unexpected response code: {status}", request.Message);
    }

    [Theory]
    [InlineData("expected_body: 'test server'")]
    [InlineData("expected_body: \"server\\n\"")]
    [InlineData("expected_body_regex: '^conn-check \\w+ server\\n$'")]
    [InlineData("expected_body_regex: '(?i)TEST'")]
    [InlineData("expected_body_regex: '(?<=conn-check )test'")]
    [InlineData("expected_body_regex: '(\\w)\\1'")]
    public async Task Run_ApacheBodyAsExpected_Succeeds(string option)
    {
        var url = servers.Http("/");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  {option}\n", null);

        var request = run.Check(url, HostPort).Request;
        Assert.Equal(ResultStatus.Ok, request.Status);
    }

    [Fact]
    public async Task Run_BodyWithoutTheText_FailsShowingWhatCameBack()
    {
        var url = servers.Http("/");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_body: healthy\n", null);

        var request = run.Check(url, HostPort).Request;
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal("Unexpected response body: \"conn-check test server\\n\" (does not contain 'healthy')", request.Message);
    }

    [Fact]
    public async Task Run_BodyNotMatchingTheRegex_FailsShowingWhatCameBack()
    {
        var url = servers.Http("/");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_body_regex: '^ok$'\n", null);

        var request = run.Check(url, HostPort).Request;
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal("Unexpected response body: \"conn-check test server\\n\" (does not match expected_body_regex '^ok$')", request.Message);
    }

    [Fact]
    public async Task Run_StatusWrongAndBodyExpected_FailsOnTheStatus()
    {
        var url = servers.Http(servers.MissingPath);

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_body: anything\n", null);

        Assert.Equal("Unexpected response code: 404", run.Check(url, HostPort).Request.Message);
    }

    [Fact]
    public async Task Run_HttpsBodyAsExpected_Succeeds()
    {
        var url = servers.Https("/");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_body: conn-check\n", servers.CaDirectory);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"127.0.0.1:{servers.ApacheHttpsPort}").Request.Status);
    }

    [Theory]
    [InlineData("expected_body: ok", true)]
    [InlineData("expected_body_regex: '\\Aok\\n\\z'", true)]
    [InlineData("expected_body: 'ok!'", false)]
    public async Task Run_NginxBody_MatchesExactlyWhatItSends(string option, bool passes)
    {
        var url = $"http://127.0.0.1:{servers.NginxPort}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  {option}\n", null);

        var request = run.Check(url, $"127.0.0.1:{servers.NginxPort}").Request;
        Assert.Equal(passes ? ResultStatus.Ok : ResultStatus.Failed, request.Status);
        if (!passes)
        {
            Assert.Equal($"Unexpected response body: \"ok\\n\" (does not contain 'ok!')", request.Message);
        }
    }
}
