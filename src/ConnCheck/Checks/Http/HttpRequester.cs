using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;

namespace ConnCheck.Checks.Http;

/// <summary>
/// Sends an http check's request with SocketsHttpHandler. Each check has its own handler: its
/// credentials, proxy and TLS settings are its own, and its connection proves what it says.
/// </summary>
internal static class HttpRequester
{
    public static async Task SendAsync(CheckContext context, Uri url, HttpRequestSettings settings, CancellationToken cancellationToken)
    {
        var validator = new CertificateValidator(settings.Tls.TargetHost(url.IdnHost.Trim('[', ']')), !settings.DisableTlsVerification, context.TlsTrust, context.Progress);
        using var handler = CreateHandler(context, url, settings, validator);
        // The handler itself, not an HttpClient around it: no timeout of its own, no base address or default
        // headers, and none of the linked cancellation it would set up for each request.
        using var client = new HttpMessageInvoker(handler);
        HttpResponseMessage response;
        try
        {
            response = await SendFollowingRedirectsAsync(client, settings, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Failure(e, validator, settings);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (!settings.ExpectedCode.Accepts(status))
            {
                var location = response.Headers.Location is { } to && status is >= 300 and < 400 ? $" (redirect to {UrlText.Mask(to.OriginalString)})" : "";
                // 401 and 407 answer the credentials (or their absence); any other status is the service's answer.
                var stage = status is 401 or 407 ? FailureStage.Auth : FailureStage.Protocol;
                throw new CheckFailedException(stage, $"Unexpected response code: {status}{location}");
            }

            // Only when asked: reading bodies would slow every other check, and a large one would stretch it.
            if (settings.ExpectedBody is { } expected)
            {
                var body = await ResponseBody.ReadAsync(response, cancellationToken);
                var text = body.Text;
                if (expected.Mismatch(text, body.Truncated, context.Remaining) is { } problem)
                {
                    var shown = ReplyText.Shorten(text, body.Bytes.Length, context.Secrets, ExpectedBody.Shown);
                    throw new CheckFailedException(FailureStage.Protocol, $"Unexpected response body: {shown} ({problem})");
                }
            }
        }
    }

    // Each hop within the check's one deadline (the token); redirects only when allowed, and at most HttpHop.MaxRedirects.
    private static async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpMessageInvoker client, HttpRequestSettings settings, CancellationToken cancellationToken)
    {
        var hop = HttpHop.First(settings);
        for (var redirects = 0; ; redirects++)
        {
            using var request = hop.CreateRequest(settings);

            // SocketsHttpHandler answers once it has the headers: the body, when an option asks for it, is
            // read afterwards, within its own limit.
            var response = await client.SendAsync(request, cancellationToken);
            if (!settings.AllowRedirects || redirects == HttpHop.MaxRedirects || hop.Next(response, settings.RequestUri) is not { } next)
            {
                return response;
            }

            response.Dispose();
            hop = next;
        }
    }

    private static SocketsHttpHandler CreateHandler(CheckContext context, Uri url, HttpRequestSettings settings, CertificateValidator validator)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed hop by hop (HttpHop), each with only the credentials its origin may have.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseDrainSize = 0,
            PooledConnectionLifetime = TimeSpan.Zero,
            UseProxy = settings.Proxy is not null,
            Proxy = settings.Proxy is { } proxy ? new WebProxy(proxy.Address) { Credentials = proxy.Credentials } : null,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = validator.Validate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                ClientCertificateContext = settings.Tls.ClientCertificate,
            },

            // Our own connect: the same name resolution, address fallback and messages as the tcp check.
            ConnectCallback = async (connection, cancellationToken) =>
            {
                var socket = await TcpConnector.ConnectAsync(context, connection.DnsEndPoint.Host, connection.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };

        if (settings.DigestAuth is { } digest)
        {
            // For the whole origin, so that a redirect within it authenticates too; never for another origin.
            handler.Credentials = new CredentialCache { { HttpHop.Origin(settings.RequestUri), "Digest", digest } };
            handler.PreAuthenticate = false;
        }

        return handler;
    }

    private static CheckFailedException Failure(HttpRequestException error, CertificateValidator validator, HttpRequestSettings settings)
    {
        if (validator.Failure is { } tls)
        {
            return new(FailureStage.Tls, tls, error);
        }

        // Under TLS 1.3 a server refuses a client certificate after the handshake: the alert comes with the response.
        if (TlsConnector.Alert(error) is { } alert)
        {
            return new(FailureStage.Tls, $"TLS handshake failed: the server sent the TLS alert \"{alert}\"", error);
        }

        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case CheckFailedException failed:
                    return new(failed.Stage, settings.Proxy is { } proxy ? $"{failed.Message} (proxy {Names.HostPort(proxy.Host, proxy.Port)})" : failed.Message, error);
                case SocketException socket:
                    return new(Net.SocketErrors.Stage(socket.SocketErrorCode), Net.SocketErrors.Describe(socket.SocketErrorCode), error);
                case AuthenticationException authentication:
                    return new(FailureStage.Tls, $"TLS handshake failed: {TlsConnector.HandshakeProblem(authentication)}", error);
            }
        }

        return error.HttpRequestError switch
        {
            HttpRequestError.ProxyTunnelError when error.StatusCode is { } code && settings.Proxy is { } proxy =>
                new(code == HttpStatusCode.ProxyAuthenticationRequired ? FailureStage.Auth : FailureStage.Protocol,
                    $"proxy refused the tunnel with status {(int)code} (proxy {Names.HostPort(proxy.Host, proxy.Port)})", error),
            HttpRequestError.ProxyTunnelError => new(FailureStage.Protocol, $"proxy refused the tunnel: {error.Message.TrimEnd('"')}", error),
            HttpRequestError.ResponseEnded => new(FailureStage.Protocol, "the server closed the connection before sending a response", error),
            HttpRequestError.InvalidResponse => new(FailureStage.Protocol, $"invalid HTTP response: {error.Message}", error),
            HttpRequestError.SecureConnectionError => new(FailureStage.Tls, $"TLS handshake failed: {error.Message}", error),
            HttpRequestError.NameResolutionError => new(FailureStage.Resolve, error.Message, error),
            HttpRequestError.ConnectionError => new(FailureStage.Connect, error.Message, error),
            _ => new(FailureStage.Protocol, error.Message, error),
        };
    }
}
