namespace ConnCheck.Checks.Http;

/// <summary>URLs as they may be printed: the password of the userinfo replaced by <c>***</c>, nothing else changed.</summary>
internal static class UrlText
{
    public static string MaskPassword(string url)
    {
        var (start, end) = UserInfo(url);
        if (start < 0)
        {
            return url;
        }

        var colon = url.IndexOf(':', start, end - start);
        return colon < 0 ? url : string.Concat(url.AsSpan(0, colon + 1), Secrets.Redactor.Mask, url.AsSpan(end));
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
        return string.Concat(url.AsSpan(0, maskFrom), Secrets.Redactor.Mask, url.AsSpan(at));
    }

    /// <summary>The password written in the URL's userinfo, or null.</summary>
    public static string? Password(string url)
    {
        var (start, end) = UserInfo(url);
        var colon = start < 0 ? -1 : url.IndexOf(':', start, end - start);
        return colon < 0 ? null : Uri.UnescapeDataString(url[(colon + 1)..end]);
    }

    // [start, end) of "user:password" in "scheme://user:password@host/...", or (-1, -1).
    private static (int Start, int End) UserInfo(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return (-1, -1);
        }

        var start = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], start);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - start);
        return at < 0 ? (-1, -1) : (start, at);
    }
}
