using ConnCheck.Checks.Http;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>Which parts of a URL are secrets (SPEC C2), and how a URL prints with them masked.</summary>
public sealed class UrlTextTests
{
    [Theory]
    [InlineData("http://www.example.com/")]
    [InlineData("https://api.example.com:8443/v2/translate?q=Hello&target=de#top")]
    [InlineData("http://[::1]:8080/x?page=2")]
    [InlineData("http://127.0.0.1/path/with:colon@sign?x=y@z")]
    [InlineData("https://host/?token&key=&empty")]
    [InlineData("www.example.com/status")]
    [InlineData("/status?page=1")]
    [InlineData("https://host/search?q=a%20b&lang=en")]
    public void Mask_UrlWithoutSecrets_IsUnchanged(string url)
    {
        Assert.Equal(url, UrlText.Mask(url));
        Assert.Empty(UrlText.Secrets(url));
    }

    [Theory]
    [InlineData("https://alice:s3cret@host/", "https://alice:***@host/")]
    [InlineData("https://TOKEN123@host/x", "https://***@host/x")]
    [InlineData("https://TOKEN123:@host/x", "https://***:@host/x")]
    [InlineData("https://:s3cret@host/", "https://:***@host/")]
    [InlineData("http://alice:p%40ss@[::1]:8080/", "http://alice:***@[::1]:8080/")]
    [InlineData(@"http:\\alice:s3cret@host/", @"http:\\alice:***@host/")]
    [InlineData(@"http:/\alice:s3cret@host/", @"http:/\alice:***@host/")]
    [InlineData("http:alice:s3cret@host/", "http:alice:***@host/")]
    [InlineData("//alice:s3cret@host/", "//alice:***@host/")]
    [InlineData("https://host/?api_key=K1&q=hello", "https://host/?api_key=***&q=hello")]
    [InlineData("https://host/?q=hello&access_token=T1", "https://host/?q=hello&access_token=***")]
    [InlineData("https://b.s3.amazonaws.com/o?X-Amz-Date=20240101&X-Amz-Signature=abc123", "https://b.s3.amazonaws.com/o?X-Amz-Date=20240101&X-Amz-Signature=***")]
    [InlineData("https://host/?Password=p&page=2&client_SECRET=s&AUTH=a&sig=1", "https://host/?Password=***&page=2&client_SECRET=***&AUTH=***&sig=***")]
    [InlineData("https://host/?api%5Fkey=K1", "https://host/?api%5Fkey=***")]
    [InlineData("https://host/cb#access_token=T1&state=xyz", "https://host/cb#access_token=***&state=xyz")]
    [InlineData("https://host/?token=T1#token=T2", "https://host/?token=***#token=***")]
    [InlineData("/next?access_token=T1", "/next?access_token=***")]
    [InlineData("https://u:p@host/?apikey=k", "https://u:***@host/?apikey=***")]
    public void Mask_UrlWithSecrets_MasksEachAndNothingElse(string url, string shown)
    {
        Assert.Equal(shown, UrlText.Mask(url));
    }

    [Theory]
    [InlineData("https://alice:p%40ss@host/", "p%40ss", "p@ss")]
    [InlineData("https://TOKEN123@host/", "TOKEN123", null)]
    [InlineData("https://host/?api_key=a%2Fb", "a%2Fb", "a/b")]
    [InlineData(@"http:\\alice:s3cret@host/", "s3cret", null)]
    public void Secrets_UrlWithOneSecret_YieldsItAsWrittenAndDecoded(string url, string written, string? decoded)
    {
        string[] expected = decoded is null ? [written] : [written, decoded];

        Assert.Equal(expected, UrlText.Secrets(url));
    }

    [Theory]
    [InlineData("api_key", true)]
    [InlineData("X-Amz-Signature", true)]
    [InlineData("ACCESS_TOKEN", true)]
    [InlineData("oauth_nonce", true)]
    [InlineData("q", false)]
    [InlineData("page", false)]
    public void IsSecretParameter_Name_MatchesTheWordsOfC2(string name, bool secret)
    {
        Assert.Equal(secret, UrlText.IsSecretParameter(name));
    }
}
