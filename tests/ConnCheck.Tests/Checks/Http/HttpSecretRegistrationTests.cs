using ConnCheck.Configuration;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// Every credential an http check carries is registered as a secret at load time, so each output
/// (whatever it prints, now or later) masks it through the same Redactor.
/// </summary>
public sealed class HttpSecretRegistrationTests
{
    [Theory]
    [InlineData("auth: [alice, basic-secret]", "basic-secret")]
    [InlineData("digest_auth: [alice, digest-secret]", "digest-secret")]
    [InlineData("proxy_url: 'http://alice:proxy-secret@127.0.0.1:3128'", "proxy-secret")]
    [InlineData("proxy_url: 'https://alice:p%40ss-secret@127.0.0.1:3128'", "p@ss-secret")]
    [InlineData("cookies: {session: cookie-secret}", "cookie-secret")]
    [InlineData("cookies: [[session, cookie-secret]]", "cookie-secret")]
    [InlineData("headers: {Authorization: 'Bearer header-secret'}", "Bearer header-secret")]
    [InlineData("headers: [[X-Api-Key, key-secret]]", "key-secret")]
    [InlineData("headers: {X-Auth-Token: token-secret}", "token-secret")]
    public void Load_CredentialOption_IsASecret(string option, string secret)
    {
        var configuration = ConfigurationLoader.Load($"- type: http\n  url: http://127.0.0.1/\n  {option}\n", "test.yaml");

        Assert.Contains(secret, configuration.Secrets);
    }

    [Theory]
    [InlineData("http://alice:url-secret@127.0.0.1/", "url-secret")]
    [InlineData("https://alice:url%3Asecret@127.0.0.1/", "url:secret")]
    public void Load_UrlUserinfoPassword_IsASecret(string url, string secret)
    {
        var configuration = ConfigurationLoader.Load($"- type: http\n  url: '{url}'\n", "test.yaml");

        Assert.Contains(secret, configuration.Secrets);
    }

    [Fact]
    public void Load_OrdinaryHeaderValue_IsNotASecret()
    {
        // Masking every header value would garble output for nothing: only credential-like names are secret.
        var configuration = ConfigurationLoader.Load("- type: http\n  url: http://127.0.0.1/\n  headers: {Accept: text/plain}\n", "test.yaml");

        Assert.DoesNotContain("text/plain", configuration.Secrets);
    }
}
