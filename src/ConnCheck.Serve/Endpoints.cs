using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConnCheck.Serve;

/// <summary>
/// <c>/metrics</c>, <c>/results</c>, <c>/ready</c> and <c>/healthz</c>, answered from the latest
/// snapshot. One delegate without routing: four fixed paths need no more, and nothing is bound by reflection.
/// </summary>
internal static class Endpoints
{
    /// <summary>The text exposition format's content type, which Prometheus negotiates for.</summary>
    public const string MetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

    public const string JsonContentType = "application/json";

    private const string TextContentType = "text/plain; charset=utf-8";

    public static Task AnswerAsync(HttpContext context, ExporterState state)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            return WriteAsync(context, StatusCodes.Status405MethodNotAllowed, TextContentType, "only GET and HEAD\n"u8.ToArray());
        }

        var snapshot = state.Current;
        return request.Path.Value switch
        {
            "/metrics" => WriteAsync(context, StatusCodes.Status200OK, MetricsContentType, snapshot.Metrics),
            "/results" when snapshot.Results is { } results => WriteAsync(context, StatusCodes.Status200OK, JsonContentType, results),
            "/results" => WriteAsync(context, StatusCodes.Status503ServiceUnavailable, TextContentType, "no run has ended yet\n"u8.ToArray()),
            "/ready" when snapshot.Ready => WriteAsync(context, StatusCodes.Status200OK, TextContentType, "ready\n"u8.ToArray()),
            "/ready" => WriteAsync(context, StatusCodes.Status503ServiceUnavailable, TextContentType, System.Text.Encoding.UTF8.GetBytes($"not ready: {snapshot.NotReadyReason}\n")),
            "/healthz" => WriteAsync(context, StatusCodes.Status200OK, TextContentType, "ok\n"u8.ToArray()),
            _ => WriteAsync(context, StatusCodes.Status404NotFound, TextContentType, "not found: try /metrics, /results, /ready or /healthz\n"u8.ToArray()),
        };
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, Body body)
    {
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (AcceptsGzip(context.Request))
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return WriteAsync(context, status, contentType, body.Gzipped);
        }

        return WriteAsync(context, status, contentType, body.Plain);
    }

    /// <summary>Whether the client takes gzip (RFC 9110 12.5.3): named in Accept-Encoding, or <c>*</c> when gzip is not, and not with q=0.</summary>
    private static bool AcceptsGzip(HttpRequest request)
    {
        double? gzip = null, any = null;
        foreach (var coding in request.GetTypedHeaders().AcceptEncoding)
        {
            if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = coding.Quality ?? 1;
            }
            else if (coding.Value == "*")
            {
                any = coding.Quality ?? 1;
            }
        }

        return (gzip ?? any) > 0;
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
