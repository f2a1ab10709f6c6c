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

            if (publisher.GetString("host") is not { Length: > 0 } host)
            {
                notes.Add($"{key}['publishers'][{i}]: no host; no check");
                continue;
            }

            var check = new GeneratedCheck("amqp");
            if (publisher.GetString("vhost") is { Length: > 0 } vhost)
            {
                check.Add("vhost", vhost);
            }

            check.Add("host", host);
            check.Add("port", publisher.GetInt32("port") ?? Ports.Amqp);
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
            yield break;
        }

        if (host.Length == 0)
        {
            notes.Add($"BROKER_BACKEND is {backend} but BROKER_HOST is empty; no check");
            yield break;
        }

        var port = settings["BROKER_PORT"];
        if (port?.AsString() is { Length: > 0 } && port.AsInt32() is not (>= 1 and <= 65535))
        {
            notes.Add($"BROKER_PORT {port} is not a port number; no check");
            yield break;
        }

        var check = new GeneratedCheck(redis ? "redis" : "amqp")
        {
            { "host", host },
            { "port", port?.AsInt32() ?? (redis ? Ports.Redis : Ports.Amqp) },
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

    /// <summary>A string of URLs separated by <c>;</c> (kombu) or <c>,</c> (Django's caches), or a list of them.</summary>
    internal static List<string> Urls(SettingsView value, params char[] separators)
    {
        var texts = value.Kind == SettingsKind.List ? value.Items.Select(i => i.AsString() ?? "") : [value.AsString() ?? ""];
        return texts
            .SelectMany(t => t.Split(separators.Length > 0 ? separators : [';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }
}
