using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;

namespace ConnCheck.Checks.Http;

/// <summary>
/// <c>type: http</c> (alias <c>https</c>) — a tcp connect to the URL's host (or to the proxy), then
/// the request; success when the status is one <c>expected_code</c> accepts and, when asked, the body
/// holds <c>expected_body</c> or matches <c>expected_body_regex</c>.
/// </summary>
internal sealed record HttpCheck(CheckCommon Common, Uri Url, string UrlAsWritten, HttpRequestSettings Request) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("http", ["https"], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var shownUrl = UrlText.Mask(UrlAsWritten);
        var prefix = $"http:{shownUrl}:";
        var (tcpHost, tcpPort) = Request.Proxy is { } proxy ? (proxy.Host, proxy.Port) : (Url.IdnHost, Url.Port);
        var tcp = TcpConnector.Subcheck(tcpHost, tcpPort, handOver: true);
        return
        [
            tcp with { Name = prefix + tcp.Name },
            new Subcheck(prefix, $"{Request.Method} {shownUrl}", (context, cancellationToken) => HttpRequester.SendAsync(context, Url, Request, cancellationToken))
            {
                Egress = tcp.Egress,
                Target = new(Names.Unbracketed(Url.IdnHost), Url.Port),
            },
        ];
    }

    private static HttpCheck Parse(OptionReader options, CheckCommon common)
    {
        // A missing url is reported once, as missing, not again as a bad URL.
        var written = options.String("url", required: true);
        var url = AbsoluteHttpUrl(options, "url", written) ?? new Uri("http://invalid/");
        foreach (var secret in UrlText.Secrets(written ?? ""))
        {
            options.Secret(secret);
        }

        return new HttpCheck(common, url, written ?? "", HttpRequestSettings.Parse(options, url));
    }

    internal static Uri? AbsoluteHttpUrl(OptionReader options, string key, string? written)
    {
        if (written is null)
        {
            return null;
        }

        // Written with "//" only: Uri also reads "http:\\user:pw@host/" as a URL, whose userinfo
        // no reader of the configuration (or of a result name) would recognise as one.
        var trimmed = written.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0
            && trimmed.AsSpan(url.Scheme.Length).StartsWith("://", StringComparison.Ordinal))
        {
            return url;
        }

        // Quoted as written, before ${VAR} expansion, with anything that may be a password masked: a URL
        // that does not parse cannot be trusted to show where its password ends.
        options.Error(key, $"{key} must be an absolute http:// or https:// URL, not {Printable.Quote(UrlText.Mask(UrlText.MaskUserInfo(options.Written(key) ?? written)))}");
        return null;
    }
}
