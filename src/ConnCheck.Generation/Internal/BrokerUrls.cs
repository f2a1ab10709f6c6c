namespace ConnCheck.Generation.Internal;

/// <summary>
/// Checks for broker and cache URLs, as Celery (kombu), Django's Redis cache and .NET clients write them:
/// <c>amqp://user:password@host:port/vhost</c> (also <c>amqps</c>, and kombu's <c>pyamqp</c> and <c>librabbitmq</c>)
/// and <c>redis://[user]:password@host:port/db</c> (also <c>rediss</c>, a redis check with <c>use_tls</c>).
/// </summary>
internal static class BrokerUrls
{
    /// <summary>Whether <paramref name="url"/> has a scheme these checks cover.</summary>
    public static bool Handles(string url) => SchemeOf(url) is "amqp" or "amqps" or "pyamqp" or "librabbitmq" or "redis" or "rediss";

    /// <summary>
    /// The check for <paramref name="url"/>, or null (with a note saying why in <paramref name="notes"/>)
    /// when it is no such URL; <paramref name="key"/> names its password's variable, <paramref name="what"/> the setting in notes.
    /// </summary>
    public static GeneratedCheck? Make(string url, IReadOnlyList<string> key, string what, ICollection<string> notes)
    {
        var scheme = SchemeOf(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.HostNameType is UriHostNameType.Unknown || uri.DnsSafeHost.Length == 0)
        {
            notes.Add($"{what}: cannot read a host from the {scheme} URL; no check");
            return null;
        }

        var (user, password) = UserInfo(uri);
        return scheme switch
        {
            "amqp" or "amqps" or "pyamqp" or "librabbitmq" => Amqp(uri, tls: scheme == "amqps", user, password, key),
            "redis" or "rediss" => Redis(uri, tls: scheme == "rediss", user, password, key),
            _ => null,
        };
    }

    private static GeneratedCheck Amqp(Uri uri, bool tls, string? user, string? password, IReadOnlyList<string> key)
    {
        var check = new GeneratedCheck("amqp")
        {
            { "host", uri.DnsSafeHost },
            { "port", uri.Port > 0 ? uri.Port : tls ? Ports.Amqps : Ports.Amqp },
            // kombu's (and RabbitMQ's) defaults when the URL names no user.
            { "username", user ?? "guest" },
        };
        Secrets.AddPassword(check, password ?? "guest", key);
        if (Vhost(uri) is { } vhost)
        {
            check.Add("vhost", vhost);
        }

        check.Add("use_tls", tls);
        return check;
    }

    private static GeneratedCheck Redis(Uri uri, bool tls, string? user, string? password, IReadOnlyList<string> key)
    {
        var check = new GeneratedCheck("redis") { { "host", uri.DnsSafeHost }, { "port", uri.Port > 0 ? uri.Port : Ports.Redis } };
        if (!string.IsNullOrEmpty(password))
        {
            if (!string.IsNullOrEmpty(user))
            {
                check.Add("username", user);
            }

            Secrets.AddPassword(check, password, key);
        }

        if (tls)
        {
            check.Add("use_tls", true);
        }

        return check;
    }

    private static string SchemeOf(string url) =>
        url.Trim().IndexOf("://", StringComparison.Ordinal) is var end and > 0 ? url.Trim()[..end].ToLowerInvariant() : "";

    private static (string? User, string? Password) UserInfo(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return (null, null);
        }

        var colon = uri.UserInfo.IndexOf(':');
        return colon < 0
            ? (Uri.UnescapeDataString(uri.UserInfo), null)
            : (Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }

    // kombu: the path after the first '/', unescaped; none (or empty) is the default vhost '/'.
    private static string? Vhost(Uri uri)
    {
        var path = uri.AbsolutePath;
        var vhost = path.Length > 1 ? Uri.UnescapeDataString(path[1..]) : "";
        return vhost.Length > 0 ? vhost : null;
    }
}
