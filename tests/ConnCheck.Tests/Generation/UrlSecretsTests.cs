using ConnCheck.Checks.Http;
using ConnCheck.Configuration;
using ConnCheck.Generation;
using ConnCheck.Generation.Internal;
using ConnCheck.Services;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// The secrets of URLs (SPEC C2) that <c>--secrets-as-env</c> moves to variables: the password, a token
/// given as the user name, and secret query parameters; everything else stays as written.
/// </summary>
public sealed class UrlSecretsTests
{
    private static readonly string[] Key = ["Api", "BaseUrl"];

    [Theory]
    [InlineData("https://api.example/v1")]
    [InlineData("https://api.example/v1?q=Hello%20World&page=2&lang=")]
    [InlineData("https://@api.example/")]
    [InlineData("https://api.example/v1#access_token=in-the-fragment")]
    [InlineData("https://api.example/v1?token")]
    [InlineData("https://api.example/v1?token=")]
    [InlineData("https://api.example/users/someone@example.org")]
    [InlineData("not a url, key=value")]
    public void Find_NothingSecret_Null(string url) =>
        Assert.Null(UrlSecrets.Find(url, Key));

    [Fact]
    public void Find_Password_OnlyThePassword()
    {
        var found = UrlSecrets.Find("https://user:p%40ss@api.example/v1", Key);

        AssertSecrets(found, "https://user:${API_BASEURL_PASSWORD}@api.example/v1", ("API_BASEURL_PASSWORD", "p%40ss"));
    }

    [Theory]
    [InlineData("https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/org/repo.git", "https://${API_BASEURL_TOKEN}@github.com/org/repo.git")]
    [InlineData("https://ghp_16C7e42F292c6912E7710c838347Ae178B4a:@github.com/", "https://${API_BASEURL_TOKEN}:@github.com/")]
    [InlineData("https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@[2001:db8::1]:8443", "https://${API_BASEURL_TOKEN}@[2001:db8::1]:8443")]
    public void Find_TokenAsUserName_TheUserNameIsTheSecret(string url, string referenced)
    {
        var found = UrlSecrets.Find(url, Key);

        AssertSecrets(found, referenced, ("API_BASEURL_TOKEN", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"));
    }

    [Fact]
    public void Find_SecretQueryParameters_EachNamedAfterItsParameter()
    {
        var found = UrlSecrets.Find(
            "https://api.example/v1?q=Hello%20World&key=BLAH&access_token=t0k&X-Api-Key=k3y&Signature=s1g&api%5Fsecret=s3c&AUTH=a&page=2#frag&token=no",
            Key);

        AssertSecrets(
            found,
            "https://api.example/v1?q=Hello%20World&key=${API_BASEURL_KEY}&access_token=${API_BASEURL_ACCESS_TOKEN}&X-Api-Key=${API_BASEURL_X_API_KEY}"
                + "&Signature=${API_BASEURL_SIGNATURE}&api%5Fsecret=${API_BASEURL_API_SECRET}&AUTH=${API_BASEURL_AUTH}&page=2#frag&token=no",
            ("API_BASEURL_KEY", "BLAH"),
            ("API_BASEURL_ACCESS_TOKEN", "t0k"),
            ("API_BASEURL_X_API_KEY", "k3y"),
            ("API_BASEURL_SIGNATURE", "s1g"),
            ("API_BASEURL_API_SECRET", "s3c"),
            ("API_BASEURL_AUTH", "a"));
    }

    [Fact]
    public void Find_PasswordAndQuery_Both()
    {
        var found = UrlSecrets.Find("http://svc:pw@billing.internal:8080/api?password=second&x=1", Key);

        AssertSecrets(
            found,
            "http://svc:${API_BASEURL_PASSWORD}@billing.internal:8080/api?password=${API_BASEURL_PASSWORD}&x=1",
            ("API_BASEURL_PASSWORD", "pw"),
            ("API_BASEURL_PASSWORD", "second"));
    }

    [Fact]
    public void Find_BackslashUrl_PasswordFoundAsInASlashUrl()
    {
        var found = UrlSecrets.Find(@"http:\\user:pw@host\path?a=1", Key);

        AssertSecrets(found, @"http:\\user:${API_BASEURL_PASSWORD}@host\path?a=1", ("API_BASEURL_PASSWORD", "pw"));
    }

    [Fact]
    public void Write_UrlWithSeveralSecrets_ReferencesLoadBackAsTheUrl()
    {
        const string url = "https://ghp_t0k3n@api.example/v1?api_key=k%26y&x=$$&sig=AbC%2B";
        var check = new GeneratedCheck("http");
        ConnCheck.Generation.Internal.Secrets.AddUrl(check, "url", url, Key);

        var yaml = CheckYamlWriter.Write([check], secretsAsEnvironment: true);

        Assert.Equal(["API_BASEURL_TOKEN", "API_BASEURL_API_KEY", "API_BASEURL_SIG"], yaml.Variables);
        Assert.Contains("url: https://${API_BASEURL_TOKEN}@api.example/v1?api_key=${API_BASEURL_API_KEY}&x=$$$&sig=${API_BASEURL_SIG}\n", yaml.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n", yaml.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("k%26y", yaml.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("AbC", yaml.Text, StringComparison.Ordinal);
        var variables = new Dictionary<string, string> { ["API_BASEURL_TOKEN"] = "ghp_t0k3n", ["API_BASEURL_API_KEY"] = "k%26y", ["API_BASEURL_SIG"] = "AbC%2B" };
        var loaded = Assert.IsType<HttpCheck>(Assert.Single(Load(yaml.Text, variables.GetValueOrDefault).Checks));
        Assert.Equal(url, loaded.UrlAsWritten);
    }

    [Fact]
    public void Write_UrlWithSecretsWithoutReferences_WrittenAsBefore()
    {
        const string url = "https://ghp_t0k3n@api.example/v1?api_key=k3y&x=1";
        var check = new GeneratedCheck("http");
        ConnCheck.Generation.Internal.Secrets.AddUrl(check, "url", url, Key);

        var yaml = CheckYamlWriter.Write([check], secretsAsEnvironment: false);

        Assert.Equal("- type: http\n  url: https://ghp_t0k3n@api.example/v1?api_key=k3y&x=1\n", yaml.Text);
        Assert.Empty(yaml.Variables);
    }

    [Fact]
    public void Write_UrlFromACheckMaker_SecretsReferencedByCheckTypeAndOption()
    {
        // The manual's tutorial: a maker of the user's own puts the Translate API key in the URL.
        var check = new GeneratedCheck("http")
        {
            { "url", "https://www.googleapis.com/language/translate/v2?q=Hello%20World&target=de&source=en&key=BLAH" },
            { "proxy_url", "http://proxy-user:proxy-pw@countzero.hwaas.internal:8080" },
            { "expected_code", 200 },
        };

        var referenced = CheckYamlWriter.Write([check], secretsAsEnvironment: true);
        var plain = CheckYamlWriter.Write([check], secretsAsEnvironment: false);

        Assert.Equal(["HTTP_URL_KEY", "HTTP_PROXY_URL_PASSWORD"], referenced.Variables);
        Assert.Equal(
            [
                "http: expected_code=200, proxy_url='http://proxy-user:${HTTP_PROXY_URL_PASSWORD}@countzero.hwaas.internal:8080', "
                    + "url='https://www.googleapis.com/language/translate/v2?q=Hello%20World&target=de&source=en&key=${HTTP_URL_KEY}'",
            ],
            YamlData.Checks(referenced.Text));
        Assert.Contains("key=BLAH", plain.Text, StringComparison.Ordinal);
        Assert.Contains("proxy-user:proxy-pw@", plain.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DotNetUrlsWithTokensAndKeys_NamedAfterTheirSettings()
    {
        var settings = SettingsView.FromJson("""
            {
              "GitHub": { "BaseAddress": "https://ghp_abc123@api.github.com/" },
              "Maps": { "Endpoints": { "GeocodeUrl": "https://maps.example/geocode?client=web&api_key=AIzaSy-xyz" } },
              "Docs": { "BaseUrl": "https://docs.example/?page=1" }
            }
            """);

        var checks = Generate.Checks(new DotNetGenerator(), settings, new GeneratorOptions { SecretsAsEnvironment = true });

        Assert.Equal(
            [
                "http: url='https://${GITHUB_BASEADDRESS_TOKEN}@api.github.com/'",
                "http: url='https://maps.example/geocode?client=web&api_key=${MAPS_ENDPOINTS_GEOCODEURL_API_KEY}'",
                "http: url='https://docs.example/?page=1'",
            ],
            checks);
    }

    [Fact]
    public void SecretText_ToString_ReferencesNeverValues()
    {
        var found = UrlSecrets.Find("https://u:hunter2@h/?token=s3cr3t", Key)!;

        Assert.Equal("https://u:${API_BASEURL_PASSWORD}@h/?token=${API_BASEURL_TOKEN}", found.ToString());
    }

    private static void AssertSecrets(SecretText? found, string referenced, params (string Name, string Value)[] secrets)
    {
        Assert.NotNull(found);
        Assert.Equal(referenced, found.ToString());
        Assert.Equal(secrets, found.Secrets.Select(s => (s.VariableName, s.Value)));
    }

    private static LoadedConfiguration Load(string yaml, Func<string, string?> environment) =>
        ConfigurationLoader.Load(yaml, "generated.yaml", new EnvironmentExpander(environment), ServiceCheckTypes.Table);
}
