using System.Buffers;

namespace ConnCheck.Generation.Internal;

/// <summary>
/// The secrets of a URL, as conn-check masks them (SPEC C2): the password; the user name when there
/// is no password (a token, <c>https://TOKEN@host/</c>); and the values of query parameters whose
/// names contain <c>token</c>, <c>key</c>, <c>secret</c>, <c>password</c>, <c>sig</c> or <c>auth</c>.
/// They are cut out of the text as written, so that everything around them is written back unchanged
/// and each variable holds its secret as the URL had it (percent-escaped), which is what conn-check
/// puts back in the URL before reading it.
/// </summary>
internal static class UrlSecrets
{
    private static readonly string[] ParameterWords = ["token", "key", "secret", "password", "sig", "auth"];
    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>
    /// <paramref name="url"/> with its secrets, each named after <paramref name="key"/> and what it is
    /// (<c>..._PASSWORD</c>, <c>..._TOKEN</c>, <c>..._API_KEY</c> for <c>api_key=</c>); null when it has none.
    /// </summary>
    public static SecretText? Find(string url, IReadOnlyList<string> key)
    {
        var authorityStart = AuthorityStart(url);
        if (authorityStart < 0)
        {
            return null;
        }

        var found = new List<(int Start, int End, string What)>();

        // Backslashes end the authority too: URL parsers (.NET's, browsers') read http:\\host\ as http://host/.
        var authorityEnd = url.IndexOfAny(['/', '\\', '?', '#'], authorityStart);
        authorityEnd = authorityEnd < 0 ? url.Length : authorityEnd;
        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at > authorityStart)
        {
            var colon = url.IndexOf(':', authorityStart, at - authorityStart);
            var userEnd = colon < 0 ? at : colon;
            if (colon >= 0 && colon + 1 < at)
            {
                found.Add((colon + 1, at, "PASSWORD"));
            }
            else if (userEnd > authorityStart)
            {
                // No password (or an empty one): the user name is a token, as GitHub's and others' are given.
                found.Add((authorityStart, userEnd, "TOKEN"));
            }
        }

        var query = url.IndexOf('?', authorityEnd);
        var fragment = url.IndexOf('#', authorityEnd);
        if (query >= 0 && (fragment < 0 || query < fragment))
        {
            var queryEnd = fragment < 0 ? url.Length : fragment;
            for (var start = query + 1; start < queryEnd;)
            {
                var end = url.IndexOf('&', start, queryEnd - start) is var amp and >= 0 ? amp : queryEnd;
                var equals = url.IndexOf('=', start, end - start);
                if (equals > start && equals + 1 < end && IsSecretParameter(url[start..equals], out var name))
                {
                    found.Add((equals + 1, end, name));
                }

                start = end + 1;
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var texts = new List<string>();
        var secrets = new List<SecretValue>();
        var previous = 0;
        foreach (var (start, end, what) in found)
        {
            texts.Add(url[previous..start]);
            secrets.Add(new SecretValue(url[start..end], SecretValue.NameFrom([.. key, what])));
            previous = end;
        }

        texts.Add(url[previous..]);
        return new SecretText(texts, secrets);
    }

    /// <summary>Where the authority starts, after <c>scheme://</c>; -1 when the text has none.</summary>
    private static int AuthorityStart(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(url[0]) || url.AsSpan(0, colon).ContainsAnyExcept(SchemeCharacters))
        {
            return -1;
        }

        return url.Length >= colon + 3 && url[colon + 1] is '/' or '\\' && url[colon + 2] is '/' or '\\' ? colon + 3 : -1;
    }

    /// <summary>Whether a parameter, by its name as written (percent-escapes read), holds a secret; its name unescaped.</summary>
    private static bool IsSecretParameter(string written, out string name)
    {
        name = Uri.UnescapeDataString(written.Replace('+', ' '));
        var unescaped = name;
        return ParameterWords.Any(word => unescaped.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
