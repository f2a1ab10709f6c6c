using ConnCheck.Generation;

namespace ConnCheck.Tests.Generation;

/// <summary>CACHES (memcached and Redis backends) and the statsd udp check.</summary>
public sealed class DjangoCachesAndStatsdTests
{
    [Theory]
    [InlineData("django.core.cache.backends.memcached.MemcachedCache")]
    [InlineData("django.core.cache.backends.memcached.PyMemcacheCache")]
    [InlineData("django.core.cache.backends.memcached.PyLibMCCache")]
    public void Generate_MemcachedBackend_MemcachedCheck(string backend)
    {
        var checks = Generate.Django($$$$"""{"CACHES": {"default": {"BACKEND": "{{{{backend}}}}", "LOCATION": "cache.internal:11212"}}}""");

        Assert.Equal(["memcache: host='cache.internal', port=11212"], checks);
    }

    [Fact]
    public void Generate_SeveralLocations_OneCheckEach()
    {
        var checks = Generate.Django("""
            {"CACHES": {
              "list": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": ["m1:11211", "m2:11311"]},
              "string": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": "m3:11211;m4:11211,[::1]:11411"},
              "socket": {"BACKEND": "django.core.cache.backends.memcached.PyLibMCCache", "LOCATION": "unix:/tmp/memcached.sock"},
              "portless": {"BACKEND": "django.core.cache.backends.memcached.MemcachedCache", "LOCATION": "m5"}}}
            """);

        Assert.Equal(
            [
                "memcache: host='m1', port=11211",
                "memcache: host='m2', port=11311",
                "memcache: host='m3', port=11211",
                "memcache: host='m4', port=11211",
                "memcache: host='::1', port=11411",
                "memcache: host='m5', port=11211",
            ],
            checks);
    }

    [Fact]
    public void Generate_LocalMemoryAndDatabaseCaches_NoCheckNoNote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"CACHES": {
              "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "unique"},
              "db": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"},
              "files": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/var/tmp/django_cache"}}}
            """);

        Assert.Empty(checks);
        Assert.Empty(notes);
    }

    [Fact]
    public void Generate_UnknownBackendWithALocation_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"CACHES": {"default": {"BACKEND": "redis_cache.RedisCache", "LOCATION": "redis.internal:6379"}}}
            """);

        Assert.Empty(checks);
        Assert.Equal(["CACHES['default']: conn-check does not know the BACKEND redis_cache.RedisCache (it checks Django's memcached and Redis backends, and django-redis); no check"], notes);
    }

    [Fact]
    public void Generate_UnixSocketLocation_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"CACHES": {"default": {"BACKEND": "django.core.cache.backends.memcached.PyLibMCCache", "LOCATION": "unix:/tmp/memcached.sock"}}}
            """);

        Assert.Empty(checks);
        Assert.Equal(["CACHES['default']: a Unix socket, which crosses no network; no check"], notes);
    }

    [Theory]
    [InlineData("this is not a location")]
    [InlineData("cache:11211:1")]
    [InlineData("cache:0")]
    public void Generate_MemcachedLocationNotHostPort_NoCheckAndANote(string location)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$$$"""
            {"CACHES": {"default": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": "{{{{location}}}}"}}}
            """);

        Assert.Empty(checks);
        Assert.Equal([$"CACHES['default']: '{location}' is not HOST:PORT; no check"], notes);
    }

    [Theory]
    [InlineData("django.core.cache.backends.redis.RedisCache")]
    [InlineData("django_redis.cache.RedisCache")]
    public void Generate_RedisCache_RedisCheckPerLocation(string backend)
    {
        var checks = Generate.Django(
            $$$$"""{"CACHES": {"default": {"BACKEND": "{{{{backend}}}}", "LOCATION": ["redis://:one@r1:6379/1", "redis://r2:6380"]}}}""",
            new GeneratorOptions { SecretsAsEnvironment = true });

        Assert.Equal(
            [
                "redis: host='r1', password='${CACHES_DEFAULT_1_PASSWORD}', port=6379",
                "redis: host='r2', port=6380",
            ],
            checks);
    }

    [Fact]
    public void Generate_StatsdHostAndPort_UdpCheckWithTheDefaultProbe()
    {
        var checks = Generate.Django("""{"STATSD_HOST": "stats.internal", "STATSD_PORT": 10021}""");

        Assert.Equal(["udp: expect='', host='stats.internal', port=10021, send='conncheck.test:1|c'"], checks);
    }

    [Fact]
    public void Generate_StatsdHostWithPort_PortFromTheHost()
    {
        var checks = Generate.Django("""{"STATSD_HOST": "stats.internal:9125", "STATSD_PORT": 10021}""");

        Assert.Equal(["udp: expect='', host='stats.internal', port=9125, send='conncheck.test:1|c'"], checks);
    }

    [Theory]
    [InlineData("[::1]:9125", "::1", 9125)]
    [InlineData("::1", "::1", 10021)]
    public void Generate_StatsdIpv6Host_AddressAndPort(string host, string address, int port)
    {
        var checks = Generate.Django($$$$"""{"STATSD_HOST": "{{{{host}}}}", "STATSD_PORT": 10021}""");

        Assert.Equal([$"udp: expect='', host='{address}', port={port}, send='conncheck.test:1|c'"], checks);
    }

    [Fact]
    public void Generate_StatsdHostNotAHost_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""{"STATSD_HOST": "not a host"}""");

        Assert.Empty(checks);
        Assert.Equal(["STATSD_HOST: 'not a host' is not HOST or HOST:PORT; no statsd check"], notes);
    }

    [Fact]
    public void Generate_StatsdHostOnly_DefaultPort()
    {
        var checks = Generate.Django("""{"STATSD_HOST": "stats.internal"}""");

        Assert.Equal(["udp: expect='', host='stats.internal', port=8125, send='conncheck.test:1|c'"], checks);
    }

    [Fact]
    public void Generate_StatsdOptions_OverrideTheGeneratorsProbe()
    {
        var django = new DjangoGenerator();
        django.StatsdCheck.Send = "Hakuna";
        django.StatsdCheck.Expect = "Matata";

        var checks = Generate.Checks(
            django,
            SettingsView.FromJson("""{"STATSD_HOST": "stats.internal"}"""),
            new GeneratorOptions { StatsdSend = "ping", StatsdExpect = "5" });

        // '5' stays a string: quoted in the file.
        Assert.Equal(["udp: expect='5', host='stats.internal', port=8125, send='ping'"], checks);
    }

    [Fact]
    public void Generate_NoStatsdHost_NoCheck()
    {
        Assert.Empty(Generate.Django("""{"STATSD_HOST": null, "STATSD_PORT": 8125}"""));
    }
}
