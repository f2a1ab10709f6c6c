using System.Net;
using ConnCheck.Checks.Http;
using ConnCheck.Configuration;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>Which redirects an http check follows, with which method and body, and with which credentials.</summary>
public sealed class HttpHopTests
{
    private const string Credentials =
        "  headers:\n    X-Api-Key: key-1\n    X-Auth-Token: tok-1\n    Proxy-Authorization: Basic cHJveHk=\n    My-Session: s-1\n    X-Trace: trace-1\n    Content-Type: text/plain\n"
        + "  cookies: {session: c-1}\n  auth: [alice, pw-1]\n  body: hello\n";

    [Theory]
    [InlineData("http://127.0.0.1:8080/a", "/b", "http://127.0.0.1:8080/b", true)]
    [InlineData("http://127.0.0.1:8080/a/b", "c?d=1", "http://127.0.0.1:8080/a/c?d=1", true)]
    [InlineData("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/other", "http://127.0.0.1:8080/other", true)]
    [InlineData("http://localhost/a", "http://LOCALHOST:80/b", "http://localhost/b", true)]
    [InlineData("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a", "http://127.0.0.1:8081/a", false)]
    [InlineData("http://127.0.0.1:8080/a", "http://127.0.0.2:8080/a", "http://127.0.0.2:8080/a", false)]
    [InlineData("http://localhost/a", "https://localhost/a", "https://localhost/a", false)]
    [InlineData("http://127.0.0.1/a", "//other.example/b", "http://other.example/b", false)]
    public void Next_Redirect_FollowsWithCredentialsOnlyWithinTheOrigin(string from, string location, string to, bool sendsCredentials)
    {
        var hop = Hop(from);

        var next = hop.Next(Redirect(HttpStatusCode.Found, location), new Uri(from));

        Assert.NotNull(next);
        Assert.Equal(to, next.Uri.AbsoluteUri);
        Assert.Equal(sendsCredentials, next.SendsCredentials);
    }

    [Theory]
    [InlineData("https://127.0.0.1/a", "http://127.0.0.1/a")]
    [InlineData("http://127.0.0.1/a", "ftp://127.0.0.1/a")]
    [InlineData("http://127.0.0.1/a", "mailto:ops@example.com")]
    public void Next_DowngradeOrOtherScheme_IsNotFollowed(string from, string location)
    {
        Assert.Null(Hop(from).Next(Redirect(HttpStatusCode.Found, location), new Uri(from)));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(304)]
    [InlineData(305)]
    public void Next_NotARedirect_IsNotFollowed(int status)
    {
        Assert.Null(Hop("http://127.0.0.1/a").Next(Redirect((HttpStatusCode)status, "/b"), new Uri("http://127.0.0.1/a")));
    }

    [Fact]
    public void Next_RedirectWithoutLocation_IsNotFollowed()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Found);

        Assert.Null(Hop("http://127.0.0.1/a").Next(response, new Uri("http://127.0.0.1/a")));
    }

    [Theory]
    [InlineData(301, "POST", "GET", false)]
    [InlineData(302, "POST", "GET", false)]
    [InlineData(302, "PUT", "PUT", true)]
    [InlineData(303, "PUT", "GET", false)]
    [InlineData(303, "HEAD", "HEAD", true)]
    [InlineData(307, "POST", "POST", true)]
    [InlineData(308, "PUT", "PUT", true)]
    public void Next_StatusAndMethod_KeepOrChangeTheMethodAsHttpClientDoes(int status, string method, string nextMethod, bool sendsBody)
    {
        var hop = Hop("http://127.0.0.1/a", method);

        var next = hop.Next(Redirect((HttpStatusCode)status, "/b"), new Uri("http://127.0.0.1/a"));

        Assert.NotNull(next);
        Assert.Equal(nextMethod, next.Method.Method);
        Assert.Equal(sendsBody, next.SendsBody);
    }

    [Fact]
    public void CreateRequest_WithCredentials_CarriesEveryHeaderCookieAndAuthorization()
    {
        var settings = Settings("http://127.0.0.1/a");

        using var request = HttpHop.First(settings).CreateRequest(settings);

        Assert.Equal(["key-1"], request.Headers.GetValues("X-Api-Key"));
        Assert.Equal(["tok-1"], request.Headers.GetValues("X-Auth-Token"));
        Assert.Equal(["s-1"], request.Headers.GetValues("My-Session"));
        Assert.Equal(["session=c-1"], request.Headers.GetValues("Cookie"));
        Assert.Equal("Basic", request.Headers.Authorization?.Scheme);
        Assert.Equal(["trace-1"], request.Headers.GetValues("X-Trace"));
    }

    [Fact]
    public async Task CreateRequest_AnotherOrigin_DropsSecretHeadersCookiesAndAuthorization()
    {
        var settings = Settings("http://127.0.0.1/a");
        var next = HttpHop.First(settings).Next(Redirect(HttpStatusCode.TemporaryRedirect, "http://127.0.0.2/b"), settings.RequestUri);
        Assert.NotNull(next);

        using var request = next.CreateRequest(settings);

        Assert.Equal(["trace-1"], request.Headers.GetValues("X-Trace"));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal(["X-Trace"], request.Headers.Select(h => h.Key));
        Assert.Equal("hello", await request.Content!.ReadAsStringAsync());
        Assert.Equal("text/plain", request.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Origin_UrlWithPathAndQuery_IsSchemeHostAndPort()
    {
        Assert.Equal("https://127.0.0.1:8443/", HttpHop.Origin(new Uri("https://127.0.0.1:8443/a/b?c=d")).AbsoluteUri);
    }

    private static HttpRequestSettings Settings(string url, string method = "POST") =>
        ((HttpCheck)Assert.Single(ConfigurationLoader.Load($"- type: http\n  url: '{url}'\n  method: {method}\n{Credentials}", "test.yaml").Checks)).Request;

    private static HttpHop Hop(string url, string method = "GET") => HttpHop.First(Settings(url, method));

    private static HttpResponseMessage Redirect(HttpStatusCode status, string location)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }
}
