using System.Text;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>One request as Apache's recording CGI saw it: one line of TAB-separated NAME=VALUE fields.</summary>
public sealed record RecordedRequest(
    string Method,
    string Uri,
    string Path,
    string Query,
    string User,
    string Scheme,
    string ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    public static RecordedRequest Parse(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in line.Split('\t', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = field.Split('=', 2);
            var value = parts.Length == 2 ? parts[1] : "";
            if (parts[0].StartsWith("header.", StringComparison.Ordinal))
            {
                // CGI names: X-Api-Key arrives as X_API_KEY.
                headers[parts[0]["header.".Length..]] = value;
            }
            else
            {
                fields[parts[0]] = value;
            }
        }

        return new RecordedRequest(
            fields.GetValueOrDefault("method", ""),
            fields.GetValueOrDefault("uri", ""),
            fields.GetValueOrDefault("path", ""),
            fields.GetValueOrDefault("query", ""),
            fields.GetValueOrDefault("user", ""),
            fields.GetValueOrDefault("scheme", ""),
            fields.GetValueOrDefault("content_type", ""),
            headers,
            Encoding.UTF8.GetString(Convert.FromBase64String(fields.GetValueOrDefault("body", ""))));
    }

    /// <summary>A request header by its HTTP name (<c>X-Api-Key</c>), or null when it was not sent.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name.Replace('-', '_').ToUpperInvariant());
}
