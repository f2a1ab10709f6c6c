using System.Net;
using System.Text;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;

namespace ConnCheck.Checks.Http;

/// <summary>Everything about the request of an http check, validated at load time.</summary>
internal sealed record HttpRequestSettings(
    string Method,
    ExpectedStatus ExpectedCode,
    ExpectedBody? ExpectedBody,
    Uri RequestUri,
    HttpProxy? Proxy,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    bool DisableTlsVerification,
    bool AllowRedirects,
    IReadOnlyList<KeyValuePair<string, string>> Cookies,
    NetworkCredential? BasicAuth,
    NetworkCredential? DigestAuth,
    TlsClientOptions Tls)
{
    // Header values that carry credentials are masked in any output and stay with the URL's origin on redirects.
    private static readonly string[] SecretHeaderWords = ["auth", "cookie", "token", "key", "secret", "password", "session"];

    /// <summary>Whether a header named <paramref name="name"/> carries a credential (SPEC C2, and a few more words).</summary>
    public static bool IsSecretHeader(string name) =>
        SecretHeaderWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static HttpRequestSettings Parse(OptionReader options, Uri url)
    {
        var method = (options.String("method") ?? "GET").Trim();
        if (method.Length == 0 || !method.All(IsTokenChar))
        {
            options.Error("method", $"method must be an HTTP method such as GET or POST, not {Printable.Quote(method)}");
        }

        var headers = options.Pairs("headers", IsSecretHeader);
        foreach (var (name, _) in headers)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                options.Error("headers", $"headers: {Printable.Quote(name)} is not a valid header name");
            }
        }

        var cookies = options.Pairs("cookies", isSecret: _ => true);

        // params end up in the URL sent, where a server's redirect may echo them.
        var parameters = options.Pairs("params", UrlText.IsSecretParameter);

        return new HttpRequestSettings(
            Method: method.ToUpperInvariant(),
            ExpectedCode: ExpectedStatus.Parse(options),
            ExpectedBody: ExpectedBody.Parse(options),
            RequestUri: WithParams(url, parameters),
            Proxy: ParseProxy(options),
            Headers: headers,
            Body: options.String("body"),
            DisableTlsVerification: options.Bool("disable_tls_verification", false),
            AllowRedirects: options.Bool("allow_redirects", false),
            Cookies: cookies,
            BasicAuth: Credential(options, "auth") ?? UrlCredential(url),
            DigestAuth: Credential(options, "digest_auth"),
            Tls: ParseTls(options, url, headers));
    }

    // server_name and a client certificate are about TLS: an http:// URL has none to give them to.
    // SocketsHttpHandler takes the TLS name from the Host header, so server_name is the Host header too.
    private static TlsClientOptions ParseTls(OptionReader options, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            // Not read, so no file is opened for a connection that would never use it; each is still taken as known.
            string[] keys = [TlsClientOptions.ServerNameKey, TlsClientOptions.ClientCertKey, TlsClientOptions.ClientKeyKey, TlsClientOptions.PassphraseKey];
            if (keys.FirstOrDefault(options.Has) is { } key)
            {
                options.Error(key, $"{key} needs an https:// URL (an http:// URL has no TLS)");
                _ = options.String(TlsClientOptions.ServerNameKey) + options.String(TlsClientOptions.ClientCertKey) + options.String(TlsClientOptions.ClientKeyKey);
                _ = options.SecretString(TlsClientOptions.PassphraseKey);
            }

            return TlsClientOptions.None;
        }

        var tls = TlsClientOptions.Parse(options, clientCertificates: true);
        if (tls.ServerName is not null && headers.Any(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)))
        {
            options.Error(TlsClientOptions.ServerNameKey, $"{TlsClientOptions.ServerNameKey} is sent as the Host header too: give server_name or a Host header, not both");
        }

        return tls;
    }

    private static HttpProxy? ParseProxy(OptionReader options)
    {
        // proxy_url wins; proxy_host and proxy_port are then ignored, as in 1.x.
        if (options.String("proxy_url") is { Length: > 0 } written)
        {
            foreach (var secret in UrlText.Secrets(written))
            {
                options.Secret(secret);
            }

            return HttpCheck.AbsoluteHttpUrl(options, "proxy_url", written) is { } address
                ? new HttpProxy(WithoutUserInfo(address), UrlCredential(address))
                : null;
        }

        var host = options.String("proxy_host")?.Trim();
        var port = options.Port("proxy_port", 8000);
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        var literal = host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
        if (!Uri.TryCreate($"http://{literal}:{port}/", UriKind.Absolute, out var proxy))
        {
            options.Error("proxy_host", $"proxy_host must be a host name or address, not {Printable.Quote(host)}");
            return null;
        }

        return new HttpProxy(proxy, null);
    }

    private static NetworkCredential? Credential(OptionReader options, string key)
    {
        return options.Credentials(key) is { } pair ? new NetworkCredential(pair.User, pair.Password.Reveal()) : null;
    }

    private static NetworkCredential? UrlCredential(Uri url)
    {
        if (url.UserInfo.Length == 0)
        {
            return null;
        }

        var parts = url.UserInfo.Split(':', 2);
        return new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }

    private static Uri WithoutUserInfo(Uri url) => url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;

    private static Uri WithParams(Uri url, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return WithoutUserInfo(url);
        }

        var builder = new UriBuilder(WithoutUserInfo(url));
        var query = new StringBuilder(builder.Query.TrimStart('?'));
        foreach (var (name, value) in parameters)
        {
            query.Append(query.Length > 0 ? "&" : "").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        builder.Query = query.ToString();
        return builder.Uri;
    }

    // RFC 9110 token characters, for methods and header names.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
