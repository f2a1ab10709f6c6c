using System.Globalization;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.Django;

/// <summary>
/// <c>CACHES</c>: a <c>memcached</c> check per <c>host:port</c> location of each memcached backend
/// (Django's old <c>MemcachedCache</c>, today's <c>PyMemcacheCache</c> and <c>PyLibMCCache</c>), and a
/// redis check per <c>redis://</c> location of Django's <c>RedisCache</c> (and django-redis's).
/// Unix-socket locations are left out.
/// </summary>
internal static class DjangoCaches
{
    private static readonly HashSet<string> Memcached = new(StringComparer.Ordinal)
    {
        // 1.x took an entry without BACKEND for memcached, too.
        "",
        "django.core.cache.backends.memcached.MemcachedCache",
        "django.core.cache.backends.memcached.PyMemcacheCache",
        "django.core.cache.backends.memcached.PyLibMCCache",
    };

    private static readonly HashSet<string> Redis = new(StringComparer.Ordinal)
    {
        "django.core.cache.backends.redis.RedisCache",
        "django_redis.cache.RedisCache",
    };

    // Backends whose LOCATION is a name, a directory or a table: no server to check.
    private static readonly HashSet<string> Local = new(StringComparer.Ordinal)
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
        "django.core.cache.backends.db.DatabaseCache",
    };

    public static IEnumerable<GeneratedCheck> Make(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        foreach (var (alias, cache) in settings["CACHES"]?.Entries ?? [])
        {
            var backend = cache.GetString("BACKEND")?.Trim() ?? "";
            var memcached = Memcached.Contains(backend);
            if (cache["LOCATION"] is not { } location || !location.IsTruthy())
            {
                continue;
            }

            if (!memcached && !Redis.Contains(backend))
            {
                if (!Local.Contains(backend))
                {
                    notes.Add($"CACHES['{alias}']: conn-check does not know the BACKEND {backend} (it checks Django's memcached and Redis backends, and django-redis); no check");
                }

                continue;
            }

            // Django splits a LOCATION string on ';' and ','.
            var locations = DjangoBrokers.Urls(location, ';', ',');
            for (var i = 0; i < locations.Count; i++)
            {
                var what = $"CACHES['{alias}']" + (locations.Count == 1 ? "" : $" location {i + 1}");
                var text = locations[i];
                if (text.StartsWith('/') || text.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
                {
                    notes.Add($"{what}: a Unix socket, which crosses no network; no check");
                    continue;
                }

                if (memcached)
                {
                    if (HostPort.TryParse(text, Ports.Memcached, out var address))
                    {
                        yield return new GeneratedCheck("memcached") { { "host", address.Host }, { "port", address.Port } };
                    }
                    else
                    {
                        notes.Add($"{what}: '{text}' is not HOST:PORT; no check");
                    }

                    continue;
                }

                if (!BrokerUrls.Handles(text))
                {
                    notes.Add($"{what}: not a redis:// URL; no check");
                    continue;
                }

                string[] key = locations.Count == 1 ? ["CACHES", alias] : ["CACHES", alias, (i + 1).ToString(CultureInfo.InvariantCulture)];
                if (BrokerUrls.Make(text, key, what, notes) is { } check)
                {
                    yield return check;
                }
            }
        }
    }
}
