using System.Buffers;
using System.Text;

namespace ConnCheck.Checks.Http;

/// <summary>
/// The secrets written in a URL (SPEC C2) and the URL as it may be printed, with each of them
/// replaced by <c>***</c> and nothing else changed: the userinfo's password, the user name when
/// there is no password (a token given as <c>https://TOKEN@host/</c>), and the values of query (or
/// fragment) parameters whose names contain one of <see cref="SecretParameterWords"/>.
/// </summary>
internal static class UrlText
{
    // Case-insensitive parts of parameter names whose values are credentials: api_key, access_token, X-Amz-Signature, ...
    private static readonly string[] SecretParameterWords = ["token", "key", "secret", "password", "sig", "auth"];

    private static readonly SearchValues<char> SchemeChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary><paramref name="url"/> with every secret it holds printed as <c>***</c>; a URL without secrets is returned unchanged.</summary>
    public static string Mask(string url)
    {
        var ranges = SecretRanges(url);
        if (ranges.Count == 0)
        {
            return url;
        }

        var shown = new StringBuilder(url.Length);
        var next = 0;
        foreach (var range in ranges)
        {
            shown.Append(url, next, range.Start.Value - next).Append(ConnCheck.Secrets.Redactor.Mask);
            next = range.End.Value;
        }

        return shown.Append(url, next, url.Length - next).ToString();
    }

    /// <summary>
    /// For a URL that may not parse: everything after the user name up to the last <c>@</c> masked, so
    /// that a password holding <c>/</c>, <c>?</c> or <c>#</c> is masked whole; a user name with no
    /// password after it may be a token, and is masked too.
    /// </summary>
    public static string MaskUserInfo(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var at = url.LastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd + 3)
        {
            return url;
        }

        var start = schemeEnd + 3;
        var colon = url.IndexOf(':', start, at - start);
        var maskFrom = colon < 0 ? start : colon + 1;
        return string.Concat(url.AsSpan(0, maskFrom), ConnCheck.Secrets.Redactor.Mask, url.AsSpan(at));
    }

    /// <summary>The secrets written in <paramref name="url"/>, each as written and, when that differs, percent-decoded.</summary>
    public static IEnumerable<string> Secrets(string url)
    {
        foreach (var range in SecretRanges(url))
        {
            var written = url[range];
            yield return written;
            var decoded = Uri.UnescapeDataString(written);
            if (decoded != written)
            {
                yield return decoded;
            }
        }
    }

    /// <summary>Whether a query parameter named <paramref name="name"/> carries a credential.</summary>
    public static bool IsSecretParameter(string name) =>
        SecretParameterWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    // Where the secrets stand in the text, in order. Tolerant on purpose: it also finds them in text
    // that is not a valid URL (backslashes for slashes, no "//"), because such text is echoed in
    // configuration errors and server-sent Location headers are echoed in messages.
    private static List<Range> SecretRanges(string url)
    {
        var ranges = new List<Range>();
        var authorityStart = AuthorityStart(url);
        var pathStart = 0;
        if (authorityStart >= 0)
        {
            var authorityEnd = url.IndexOfAny(['/', '\\', '?', '#'], authorityStart);
            pathStart = authorityEnd < 0 ? url.Length : authorityEnd;
            UserInfoSecret(url, authorityStart, pathStart, ranges);
        }

        var queryStart = url.IndexOf('?', pathStart);
        var fragmentStart = url.IndexOf('#', pathStart);
        if (queryStart >= 0 && (fragmentStart < 0 || queryStart < fragmentStart))
        {
            ParameterSecrets(url, queryStart + 1, fragmentStart < 0 ? url.Length : fragmentStart, ranges);
        }

        if (fragmentStart >= 0)
        {
            // OAuth's implicit flow hands out tokens as #access_token=...
            ParameterSecrets(url, fragmentStart + 1, url.Length, ranges);
        }

        return ranges;
    }

    // After "scheme:" and any slashes or backslashes ("http://", "http:\\", "http:/\"), or after a leading "//"; -1 when there is no authority.
    private static int AuthorityStart(string url)
    {
        int afterScheme;
        var colon = url.IndexOf(':');
        if (colon > 0 && char.IsAsciiLetter(url[0]) && !url.AsSpan(0, colon).ContainsAnyExcept(SchemeChars))
        {
            afterScheme = colon + 1;
        }
        else if (url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith(@"\\", StringComparison.Ordinal))
        {
            afterScheme = 0;
        }
        else
        {
            return -1;
        }

        var start = afterScheme;
        while (start < url.Length && url[start] is '/' or '\\')
        {
            start++;
        }

        return start;
    }

    private static void UserInfoSecret(string url, int start, int end, List<Range> ranges)
    {
        var at = url.LastIndexOf('@', end - 1, end - start);
        if (at < 0)
        {
            return;
        }

        // user:password splits at the first colon; a user name alone (or with an empty password) is a token.
        var colon = url.IndexOf(':', start, at - start);
        if (colon >= 0 && colon + 1 < at)
        {
            ranges.Add((colon + 1)..at);
        }
        else if ((colon < 0 ? at : colon) > start)
        {
            ranges.Add(start..(colon < 0 ? at : colon));
        }
    }

    private static void ParameterSecrets(string url, int start, int end, List<Range> ranges)
    {
        var position = start;
        while (position < end)
        {
            var ampersand = url.IndexOf('&', position, end - position);
            var parameterEnd = ampersand < 0 ? end : ampersand;
            var equals = url.IndexOf('=', position, parameterEnd - position);
            if (equals > position && equals + 1 < parameterEnd && IsSecretParameter(Uri.UnescapeDataString(url[position..equals])))
            {
                ranges.Add((equals + 1)..parameterEnd);
            }

            position = parameterEnd + 1;
        }
    }
}
