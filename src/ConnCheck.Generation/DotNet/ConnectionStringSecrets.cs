using System.Data.Common;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// The secrets inside a connection string, found without understanding it, so that a note about a
/// string that could not be read still never prints its password: the values of keywords that name a
/// secret (<c>Password</c>, <c>Pwd</c>, <c>AccountKey</c>, a token), and a URL's secrets as conn-check
/// masks them.
/// </summary>
internal static class ConnectionStringSecrets
{
    private static readonly string[] SecretWords = ["password", "pwd", "secret", "token", "key", "sig"];

    /// <summary>Masks <paramref name="text"/>'s secrets wherever they stand whole in a note.</summary>
    public static Redactor RedactorFor(string text) => new(Find(text));

    public static IEnumerable<string> Find(string text)
    {
        if (UrlSecrets.Find(text, []) is { } url)
        {
            foreach (var secret in url.Secrets)
            {
                yield return secret.Value;
                yield return Uri.UnescapeDataString(secret.Value);
            }
        }

        // The drivers' own keyword parser reads quoted values ('a;b'); a plain split finds the rest
        // (StackExchange.Redis separates options with commas) and whatever the parser refuses.
        foreach (var (keyword, value) in Keywords(text).Concat(Split(text)))
        {
            if (value.Length > 0 && SecretWords.Any(w => keyword.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                yield return value;
            }
        }
    }

    private static IEnumerable<(string Keyword, string Value)> Keywords(string text)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            return [];
        }

        return builder.Keys.Cast<string>().Select(k => (k, builder[k]?.ToString() ?? "")).ToList();
    }

    private static IEnumerable<(string Keyword, string Value)> Split(string text) =>
        text.Split([';', ',', '&', '?'])
            .Select(part => part.IndexOf('=') is var equals and > 0
                ? (part[..equals].Trim(), part[(equals + 1)..].Trim().Trim('"', '\''))
                : ("", ""));
}
