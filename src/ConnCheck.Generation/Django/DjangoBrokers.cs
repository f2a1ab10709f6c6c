using System.Globalization;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.Django;

/// <summary>
/// Message brokers: OOPS/OOPSES amqp publishers, old-style Celery <c>BROKER_*</c> settings, and
/// today's Celery <c>CELERY_BROKER_URL</c> / <c>BROKER_URL</c>.
/// </summary>
internal static class DjangoBrokers
{
    private static readonly string[] AmqpTransports = ["amqp", "amqplib", "pyamqp", "librabbitmq"];

    /// <summary>One amqp check per amqp publisher of <c>OOPS</c> (else <c>OOPSES</c>). oops-amqp connects without TLS.</summary>
    public static IEnumerable<GeneratedCheck> MakeOops(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        var key = new[] { "OOPS", "OOPSES" }.FirstOrDefault(k => settings[k]?.IsTruthy() == true);
        if (key is null)
        {
            yield break;
        }

        var publishers = settings[key]!["publishers"]?.Items ?? [];
        for (var i = 0; i < publishers.Count; i++)
        {
            var publisher = publishers[i];
            if (publisher.GetString("type") != "amqp")
            {
                continue;
            }

            var what = $"{key}['publishers'][{i}]";
            if (publisher.GetString("host")?.Trim() is not { Length: > 0 } host)
            {
                notes.Add($"{what}: no host; no check");
                continue;
            }

            // oops-amqp hands host to amqp.Connection, which takes the port from it ('rabbit:5673'); a
            // port key of its own is read too, for settings that give one.
            if (Address(host, publisher["port"], Ports.Amqp, $"{what} host", $"{what} port", notes) is not { } address)
            {
                continue;
            }

            var check = new GeneratedCheck("amqp");
            if (publisher.GetString("vhost") is { Length: > 0 } vhost)
            {
                check.Add("vhost", vhost);
            }

            check.Add("host", address.Host);
            check.Add("port", address.Port);
            check.Add("username", publisher.GetString("user") ?? "");
            Secrets.AddPassword(check, publisher.GetString("password"), [key, "PUBLISHERS", i.ToString(CultureInfo.InvariantCulture)]);
            check.Add("use_tls", false);
            yield return check;
        }
    }

    /// <summary>
    /// Old-style Celery: <c>BROKER_HOST</c> with no <c>BROKER_BACKEND</c>, or an amqp or redis
    /// <c>BROKER_BACKEND</c>. Defaults are kombu's (guest/guest, the transport's port).
    /// </summary>
    public static IEnumerable<GeneratedCheck> MakeOldStyleCelery(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        var host = settings.GetString("BROKER_HOST")?.Trim() ?? "";
        var backend = settings.GetString("BROKER_BACKEND")?.Trim() ?? "";
        var redis = backend == "redis";
        if (!(redis || AmqpTransports.Contains(backend) || (backend.Length == 0 && host.Length > 0)))
        {
            if (host.Length > 0 && backend.Length > 0)
            {
                notes.Add($"BROKER_BACKEND {backend}: conn-check checks amqp and redis brokers only; no check for BROKER_HOST");
            }

            yield break;
        }

        if (host.Length == 0)
        {
            notes.Add($"BROKER_BACKEND is {backend} but BROKER_HOST is empty; no check");
            yield break;
        }

        if (host.Contains("://", StringComparison.Ordinal))
        {
            // kombu reads a URL given as the host name as the whole broker URL.
            if (BrokerUrls.Handles(host) && BrokerUrls.Make(host, ["BROKER"], "BROKER_HOST", notes) is { } fromUrl)
            {
                yield return fromUrl;
            }
            else if (!BrokerUrls.Handles(host))
            {
                notes.Add("BROKER_HOST: not an amqp:// or redis:// URL; no check");
            }

            yield break;
        }

        if (Address(host, settings["BROKER_PORT"], redis ? Ports.Redis : Ports.Amqp, "BROKER_HOST", "BROKER_PORT", notes) is not { } address)
        {
            yield break;
        }

        var check = new GeneratedCheck(redis ? "redis" : "amqp")
        {
            { "host", address.Host },
            { "port", address.Port },
        };
        if (redis)
        {
            // Redis before 6 has no users, and old Celery sent none: a password alone.
            if (settings.GetString("BROKER_PASSWORD") is { Length: > 0 } password)
            {
                Secrets.AddPassword(check, password, ["BROKER"]);
            }

            yield return check;
            yield break;
        }

        check.Add("username", settings.GetString("BROKER_USER") ?? "guest");
        Secrets.AddPassword(check, settings.GetString("BROKER_PASSWORD") ?? "guest", ["BROKER"]);
        if (settings.GetString("BROKER_VHOST") is { Length: > 0 } vhost)
        {
            check.Add("vhost", vhost);
        }

        check.Add("use_tls", settings["BROKER_USE_SSL"]?.IsTruthy() == true);
        yield return check;
    }

    /// <summary>
    /// Today's Celery: <c>CELERY_BROKER_URL</c> (the CELERY namespace Django projects use), else
    /// <c>BROKER_URL</c>; several URLs (failover) separated by <c>;</c> or given as a list.
    /// </summary>
    public static IEnumerable<GeneratedCheck> MakeCeleryUrls(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        var key = new[] { "CELERY_BROKER_URL", "BROKER_URL" }.FirstOrDefault(k => settings[k]?.IsTruthy() == true);
        if (key is null)
        {
            yield break;
        }

        var urls = Urls(settings[key]!);
        for (var i = 0; i < urls.Count; i++)
        {
            var what = urls.Count == 1 ? key : $"{key} #{i + 1}";
            if (!BrokerUrls.Handles(urls[i]))
            {
                notes.Add($"{what}: not an amqp:// or redis:// URL; no check");
                continue;
            }

            string[] secretKey = urls.Count == 1 ? [key] : [key, (i + 1).ToString(CultureInfo.InvariantCulture)];
            if (BrokerUrls.Make(urls[i], secretKey, what, notes) is { } check)
            {
                yield return check;
            }
        }
    }

    /// <summary>
    /// The address of a host setting that may carry its port (<c>rabbit:5673</c>, <c>[::1]:5673</c>), as the
    /// amqp and redis clients read it, with the port setting as the default; null, with a note, when either
    /// is not usable. A port in the host wins, as it does for the clients; a different port setting is noted.
    /// </summary>
    /// <param name="host">The host setting's value.</param>
    /// <param name="port">The port setting, if any.</param>
    /// <param name="defaultPort">The service's port when neither gives one.</param>
    /// <param name="hostWhat">The host setting in notes (<c>BROKER_HOST</c>).</param>
    /// <param name="portWhat">The port setting in notes (<c>BROKER_PORT</c>).</param>
    /// <param name="notes">Where a setting that makes no check is told.</param>
    internal static HostPort? Address(string host, SettingsView? port, int defaultPort, string hostWhat, string portWhat, ICollection<string> notes)
    {
        int? givenPort = null;
        if (port?.AsString() is { } portText && portText.Trim().Length > 0)
        {
            if (port.AsInt32() is not (>= 1 and <= 65535 and var number))
            {
                notes.Add($"{portWhat} {port} is not a port number; no check");
                return null;
            }

            givenPort = number;
        }

        if (!HostPort.TryParse(host, givenPort ?? defaultPort, out var address, out var portInHost))
        {
            notes.Add($"{hostWhat} '{host}' is not HOST or HOST:PORT; no check");
            return null;
        }

        if (portInHost && givenPort is { } other && other != address.Port)
        {
            notes.Add($"{hostWhat} '{host}' gives port {address.Port} and {portWhat} {other}; checked {address.Port}, as the client does");
        }

        return address;
    }

    /// <summary>A string of URLs separated by <c>;</c> (kombu) or <c>,</c> (Django's caches), or a list of them.</summary>
    internal static List<string> Urls(SettingsView value, params char[] separators)
    {
        var texts = value.Kind == SettingsKind.List ? value.Items.Select(i => i.AsString() ?? "") : [value.AsString() ?? ""];
        return texts
            .SelectMany(t => t.Split(separators.Length > 0 ? separators : [';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }
}
