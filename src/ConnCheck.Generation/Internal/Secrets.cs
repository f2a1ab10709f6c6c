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

    /// <summary>
    /// Sets option <paramref name="name"/> to <paramref name="url"/>, whose password, token user name and
    /// secret query parameters (as written, escaped) become secrets named after <paramref name="key"/>.
    /// </summary>
    public static void AddUrl(GeneratedCheck check, string name, string url, IEnumerable<string> key)
    {
        if (UrlSecrets.Find(url, [.. key]) is { } secrets)
        {
            check.Add(name, secrets);
        }
        else
        {
            check.Add(name, url);
        }
    }
}
