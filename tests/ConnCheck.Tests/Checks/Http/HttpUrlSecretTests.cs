using ConnCheck.Configuration;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// Credentials in unusual places of a URL (SPEC C2): a token as the user name, query parameters named
/// like secrets, a URL written with backslashes. They print as <c>***</c> in names, info texts and
/// messages, are registered as secrets, and still reach the server as written.
/// </summary>
public sealed class HttpUrlSecretTests(TestServers servers) : IClassFixture<TestServers>
{
    [Theory]
    [InlineData("https://tok-9f8e7d@127.0.0.1/x", "https://***@127.0.0.1/x", "127.0.0.1:443", "tok-9f8e7d")]
    [InlineData("http://127.0.0.1:8080/v1?api_key=k-9f8e7d&q=hello", "http://127.0.0.1:8080/v1?api_key=***&q=hello", "127.0.0.1:8080", "k-9f8e7d")]
    [InlineData("http://127.0.0.1/o?X-Amz-Date=20240101&X-Amz-Signature=s-9f8e7d", "http://127.0.0.1/o?X-Amz-Date=20240101&X-Amz-Signature=***", "127.0.0.1:80", "s-9f8e7d")]
    [InlineData("http://127.0.0.1/cb?Access_Token=t-9f8e7d&client_secret=c-9f8e7d", "http://127.0.0.1/cb?Access_Token=***&client_secret=***", "127.0.0.1:80", "c-9f8e7d")]
    [InlineData("http://u:p-9f8e7d@127.0.0.1/?password=q-9f8e7d", "http://u:***@127.0.0.1/?password=***", "127.0.0.1:80", "q-9f8e7d")]
    public void Plan_UrlWithSecrets_NamesAndInfoMaskThemAndTheyAreSecrets(string url, string shown, string tcpHostPort, string secret)
    {
        var configuration = ConfigurationLoader.Load($"- type: http\n  url: '{url}'\n", "test.yaml");

        var plan = Assert.Single(configuration.Checks).Plan();

        Assert.Equal([$"http:{shown}:tcp:{tcpHostPort}", $"http:{shown}:"], plan.Select(s => s.Name));
        Assert.Equal($"GET {shown}", plan[1].Info);
        Assert.Contains(secret, configuration.Secrets);
    }

    [Theory]
    [InlineData("http://www.example.com/")]
    [InlineData("https://api.example.com:8443/v2/translate?q=Hello&target=de#top")]
    [InlineData("http://[::1]:8080/x?page=2&sort=name")]
    public void Plan_UrlWithoutSecrets_NamesAsWritten(string url)
    {
        var configuration = ConfigurationLoader.Load($"- type: http\n  url: '{url}'\n", "test.yaml");

        Assert.Equal($"http:{url}:", Assert.Single(configuration.Checks).Plan()[1].Name);
        Assert.Empty(configuration.Secrets);
    }

    [Theory]
    [InlineData("proxy_url: 'http://tok-9f8e7d@127.0.0.1:3128'", "tok-9f8e7d")]
    [InlineData("proxy_url: 'http://127.0.0.1:3128/?auth=a-9f8e7d'", "a-9f8e7d")]
    [InlineData("params: {api_key: 'k-9f8e7d', q: hello}", "k-9f8e7d")]
    [InlineData("params: [[X-Amz-Signature, 's-9f8e7d']]", "s-9f8e7d")]
    public void Load_OtherUrlSecrets_AreSecrets(string option, string secret)
    {
        var configuration = ConfigurationLoader.Load($"- type: http\n  url: http://127.0.0.1/\n  {option}\n", "test.yaml");

        Assert.Contains(secret, configuration.Secrets);
    }

    [Fact]
    public void Load_ParamsNotNamedLikeSecrets_AreNotSecrets()
    {
        var configuration = ConfigurationLoader.Load("- type: http\n  url: http://127.0.0.1/\n  params: {q: hello, page: '2'}\n", "test.yaml");

        Assert.Empty(configuration.Secrets);
    }

    [Theory]
    [InlineData("url", @"http:\\alice:s3cret-pw@www.example.com/", @"http:\\alice:***@www.example.com/")]
    [InlineData("url", @"https:/\alice:s3cret-pw@www.example.com/", @"https:/\alice:***@www.example.com/")]
    [InlineData("url", @"http:\/s3cret-pw@www.example.com/", @"http:\/***@www.example.com/")]
    [InlineData("url", "http:/alice:s3cret-pw@www.example.com/", "http:/alice:***@www.example.com/")]
    [InlineData("proxy_url", @"http:\\alice:s3cret-pw@proxy.example.com:3128", @"http:\\alice:***@proxy.example.com:3128")]
    public void Load_UrlWithBackslashesOrOneSlash_IsAnErrorThatMasksThePassword(string key, string url, string shown)
    {
        var yaml = key == "url" ? $"- type: http\n  url: '{url}'\n" : $"- type: http\n  url: http://www.example.com/\n  {key}: '{url}'\n";

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(yaml, "test.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Equal($"{key} must be an absolute http:// or https:// URL, not '{shown}'", only.Problem);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SecretQueryParameter_ServerGetsItButNamesInfoAndMessageMaskIt()
    {
        var token = TestServers.NewToken();
        var secret = $"k-{token}";
        var path = servers.RecordPath(token);
        var url = servers.Http($"{path}?status=503&api_key={secret}");
        var shown = servers.Http($"{path}?status=503&api_key=***");

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        var (tcp, request) = run.Check(shown, $"127.0.0.1:{servers.ApacheHttpPort}");
        Assert.Equal(ResultStatus.Ok, tcp.Status);
        Assert.Equal(ResultStatus.Failed, request.Status);
        Assert.Equal($"GET {shown}", request.Info);
        Assert.Equal("Unexpected response code: 503", request.Message);
        Assert.All(run.Results, r => Assert.DoesNotContain(secret, $"{r.Name} {r.Info} {r.Message}", StringComparison.Ordinal));
        Assert.Equal($"status=503&api_key={secret}", servers.RequestWith(token).Query);
        Assert.Contains(secret, run.Configuration.Secrets);
    }

    [Fact]
    public async Task Run_TokenAsUserName_ServerGetsItAsBasicUserButNamesMaskIt()
    {
        var token = TestServers.NewToken();
        var user = $"tok-{token}";
        var path = servers.RecordPath(token);
        var url = $"http://{user}@127.0.0.1:{servers.ApacheHttpPort}{path}";
        var shown = $"http://***@127.0.0.1:{servers.ApacheHttpPort}{path}";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(shown, $"127.0.0.1:{servers.ApacheHttpPort}").Request.Status);
        Assert.All(run.Results, r => Assert.DoesNotContain(user, $"{r.Name} {r.Info} {r.Message}", StringComparison.Ordinal));
        Assert.Equal($"Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:"))}", servers.RequestWith(token).Header("Authorization"));
    }
}
