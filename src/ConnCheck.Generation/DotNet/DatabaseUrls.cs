using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// <c>postgres://user:password@host:port/database</c> and <c>mysql://...</c> URLs, as platforms hand
/// them out in environment variables; neither driver's builder reads them, <see cref="Uri"/> does.
/// </summary>
internal static class DatabaseUrls
{
    public static IEnumerable<GeneratedCheck> Make(ConnectionString source, string type, int defaultPort, ICollection<string> notes)
    {
        if (!Uri.TryCreate(source.Text, UriKind.Absolute, out var uri) || uri.DnsSafeHost.Length == 0)
        {
            notes.Add($"{source.What}: cannot read a host from the URL; no check");
            return [];
        }

        var colon = uri.UserInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
        var password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var login = new DatabaseString(
            [new HostPort(uri.DnsSafeHost, uri.Port > 0 ? uri.Port : defaultPort)],
            user,
            password,
            database.Length > 0 || type != "postgres" ? database : user,
            null);
        return login.Checks(type, source, notes);
    }
}
