namespace ConnCheck.Generation.Internal;

/// <summary>Secret option values the built-in makers write.</summary>
internal static class Secrets
{
    /// <summary>
    /// Sets <c>password</c>: an empty password stays a plain empty string (nothing to hide, no variable
    /// to set), any other is a secret whose variable is named after <paramref name="key"/>.
    /// </summary>
    public static void AddPassword(GeneratedCheck check, string? password, IEnumerable<string> key)
    {
        if (string.IsNullOrEmpty(password))
        {
            check.Add("password", "");
        }
        else
        {
            check.Add("password", new SecretValue(password, SecretValue.NameFrom([.. key, "PASSWORD"])));
        }
    }

    /// <summary>Sets option <paramref name="name"/> to <paramref name="url"/>, whose password (as written, escaped) becomes a secret.</summary>
    public static void AddUrl(GeneratedCheck check, string name, string url, IEnumerable<string> key)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme + 3;
        var authorityEnd = scheme < 0 ? -1 : url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = scheme < 0 ? "" : authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        var colon = at < 0 ? -1 : authority.IndexOf(':');
        if (colon < 0 || colon > at || colon + 1 == at)
        {
            check.Add(name, url);
            return;
        }

        var start = authorityStart + colon + 1;
        var end = authorityStart + at;
        var secret = new SecretValue(url[start..end], SecretValue.NameFrom([.. key, "PASSWORD"]));
        check.Add(name, new SecretText(url[..start], secret, url[end..]));
    }
}
