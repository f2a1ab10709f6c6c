using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ConnCheck.Checks.Http;

/// <summary>
/// One request of an http check: the first, or one that follows a redirect. Redirects are followed
/// here rather than by SocketsHttpHandler so that the credentials of the configuration (cookies,
/// Authorization, secret headers) go only to the URL's own origin.
/// </summary>
/// <param name="Uri">Where the request goes.</param>
/// <param name="Method">The method, GET after a 303 (and after a 301 or 302 to a POST).</param>
/// <param name="SendsBody">Whether the configured body (and its content headers) goes with it.</param>
/// <param name="SendsCredentials">Whether <see cref="Uri"/> has the configured URL's origin: scheme, host and port.</param>
internal sealed record HttpHop(Uri Uri, HttpMethod Method, bool SendsBody, bool SendsCredentials)
{
    /// <summary>As many redirects as SocketsHttpHandler follows by default (its MaxAutomaticRedirections).</summary>
    public const int MaxRedirects = 50;

    public static HttpHop First(HttpRequestSettings settings) => new(settings.RequestUri, new HttpMethod(settings.Method), SendsBody: true, SendsCredentials: true);

    /// <summary>
    /// The request that follows <paramref name="response"/>'s redirect, or null when it is not one to
    /// follow, by the rules of SocketsHttpHandler's own redirects: 300, 301, 302, 303, 307 and 308 with a
    /// Location, relative ones resolved against this request, never from https down to http.
    /// </summary>
    public HttpHop? Next(HttpResponseMessage response, Uri origin)
    {
        if (response.StatusCode is not (HttpStatusCode.MultipleChoices or HttpStatusCode.Moved or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
            || response.Headers.Location is not { } location)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(Uri, location);
        if ((target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps) || (Uri.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp))
        {
            return null;
        }

        var forcesGet = response.StatusCode switch
        {
            HttpStatusCode.MultipleChoices or HttpStatusCode.Moved or HttpStatusCode.Found => Method == HttpMethod.Post,
            HttpStatusCode.SeeOther => Method != HttpMethod.Get && Method != HttpMethod.Head,
            _ => false,
        };

        return new HttpHop(target, forcesGet ? HttpMethod.Get : Method, SendsBody && !forcesGet, SameOrigin(target, origin));
    }

    public HttpRequestMessage CreateRequest(HttpRequestSettings settings)
    {
        var request = new HttpRequestMessage(Method, Uri);
        if (SendsBody && settings.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(settings.Body));
        }

        foreach (var (name, value) in settings.Headers)
        {
            if (!SendsCredentials && HttpRequestSettings.IsSecretHeader(name))
            {
                continue;
            }

            // A header that is not a request header is a content header (Content-Type): it goes with the body.
            if (!request.Headers.TryAddWithoutValidation(name, value) && SendsBody)
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (!SendsCredentials)
        {
            return request;
        }

        if (settings.Tls.ServerName is { } serverName && Uri.Scheme == Uri.UriSchemeHttps)
        {
            request.Headers.Host = Uri.IsDefaultPort ? serverName : $"{serverName}:{Uri.Port}";
        }

        if (settings.Cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", settings.Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (settings.BasicAuth is { } basic)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.UserName}:{basic.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        return request;
    }

    /// <summary>The origin of <paramref name="url"/> (scheme, host, port), as a URL with the path <c>/</c>.</summary>
    public static Uri Origin(Uri url) => new(url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/");

    // An https to http downgrade is another origin too, as is another port of the same host.
    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
