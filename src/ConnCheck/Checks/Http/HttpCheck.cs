using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;

namespace ConnCheck.Checks.Http;

/// <summary>
/// <c>type: http</c> (alias <c>https</c>) — a tcp connect to the URL's host (or to the proxy), then
/// the request; success when the status equals <see cref="ExpectedCode"/>.
/// </summary>
internal sealed record HttpCheck(CheckCommon Common, Uri Url, string UrlAsWritten, HttpRequestSettings Request) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("http", ["https"], Parse);

    public int ExpectedCode => Request.ExpectedCode;

    public override IReadOnlyList<Subcheck> Plan()
    {
        var shownUrl = UrlText.MaskPassword(UrlAsWritten);
        var prefix = $"http:{shownUrl}:";
        var (tcpHost, tcpPort) = Request.Proxy is { } proxy ? (proxy.Host, proxy.Port) : (Url.IdnHost, Url.Port);
        var tcp = TcpConnector.Subcheck(tcpHost, tcpPort);
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
        options.Secret(written is null ? null : UrlText.Password(written));
        return new HttpCheck(common, url, written ?? "", HttpRequestSettings.Parse(options, url));
    }

    internal static Uri? AbsoluteHttpUrl(OptionReader options, string key, string? written)
    {
        if (written is null)
        {
            return null;
        }

        if (Uri.TryCreate(written.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
        {
            return url;
        }

        // Quoted as written, before ${VAR} expansion, with anything that may be a password masked: a URL
        // that does not parse cannot be trusted to show where its password ends.
        options.Error(key, $"{key} must be an absolute http:// or https:// URL, not {Printable.Quote(UrlText.MaskUserInfo(options.Written(key) ?? written))}");
        return null;
    }
}
