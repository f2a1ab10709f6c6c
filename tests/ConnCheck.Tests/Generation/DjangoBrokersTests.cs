using ConnCheck.Generation;

namespace ConnCheck.Tests.Generation;

/// <summary>OOPS/OOPSES publishers, old-style Celery BROKER_*, and CELERY_BROKER_URL/BROKER_URL.</summary>
public sealed class DjangoBrokersTests
{
    [Theory]
    [InlineData("OOPS")]
    [InlineData("OOPSES")]
    public void Generate_OopsAmqpPublishers_AmqpChecksWithoutTls(string key)
    {
        var checks = Generate.Django($$$$"""
            {"{{{{key}}}}": {"publishers": [
              {"type": "amqp", "host": "rabbit1", "port": 5673, "vhost": "/oops", "user": "oops", "password": "op", "exchange_name": "oopses"},
              {"type": "datedir", "error_dir": "/srv/oopses"},
              {"type": "amqp", "host": "rabbit2", "vhost": "/oops", "user": "oops", "password": "op"}]}}
            """);

        Assert.Equal(
            [
                "amqp: host='rabbit1', password='op', port=5673, use_tls=false, username='oops', vhost='/oops'",
                "amqp: host='rabbit2', password='op', port=5672, use_tls=false, username='oops', vhost='/oops'",
            ],
            checks);
    }

    [Theory]
    [InlineData("name:5673", "host='name', password='op', port=5673")]
    [InlineData("[::1]:5673", "host='::1', password='op', port=5673")]
    [InlineData("::1", "host='::1', password='op', port=5672")]
    [InlineData(" name ", "host='name', password='op', port=5672")]
    public void Generate_OopsHostWithPort_HostAndPortApart(string host, string expected)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$$$"""
            {"OOPS": {"publishers": [{"type": "amqp", "host": "{{{{host}}}}", "vhost": "/", "user": "oops", "password": "op"}]}}
            """);

        Assert.Equal([$"amqp: {expected}, use_tls=false, username='oops', vhost='/'"], checks);
        Assert.Empty(notes);
    }

    [Fact]
    public void Generate_OopsHostPortAndPortKeyDisagree_TheHostsPortWithANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""
            {"OOPS": {"publishers": [{"type": "amqp", "host": "name:5673", "port": 5672, "vhost": "/", "user": "oops", "password": "op"}]}}
            """);

        Assert.Contains("port=5673", Assert.Single(checks), StringComparison.Ordinal);
        Assert.Equal(["OOPS['publishers'][0] host 'name:5673' gives port 5673 and OOPS['publishers'][0] port 5672; checked 5673, as the client does"], notes);
    }

    [Theory]
    [InlineData("this is not a host")]
    [InlineData("name:")]
    [InlineData("name:99999")]
    [InlineData("[name]:5673")]
    public void Generate_OopsHostNotAHost_NoCheckAndANote(string host)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$$$"""
            {"OOPS": {"publishers": [{"type": "amqp", "host": "{{{{host}}}}", "vhost": "/", "user": "oops", "password": "op"}]}}
            """);

        Assert.Empty(checks);
        Assert.Equal([$"OOPS['publishers'][0] host '{host}' is not HOST or HOST:PORT; no check"], notes);
    }

    [Fact]
    public void Generate_OopsAndOopses_OopsWins()
    {
        var checks = Generate.Django("""
            {"OOPS": {"publishers": [{"type": "amqp", "host": "first", "vhost": "/", "user": "u", "password": "p"}]},
             "OOPSES": {"publishers": [{"type": "amqp", "host": "second", "vhost": "/", "user": "u", "password": "p"}]}}
            """);

        Assert.Contains("host='first'", Assert.Single(checks), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_OldStyleCeleryWithoutBackend_Amqp()
    {
        var checks = Generate.Django("""
            {"BROKER_HOST": "rabbit", "BROKER_PORT": 5672, "BROKER_USER": "celery", "BROKER_PASSWORD": "cp", "BROKER_VHOST": "celery"}
            """);

        Assert.Equal(["amqp: host='rabbit', password='cp', port=5672, use_tls=false, username='celery', vhost='celery'"], checks);
    }

    [Fact]
    public void Generate_OldStyleCeleryAmqpWithSsl_UseTls()
    {
        var checks = Generate.Django("""
            {"BROKER_BACKEND": "amqp", "BROKER_HOST": "rabbit", "BROKER_PORT": "5671", "BROKER_USER": "celery", "BROKER_PASSWORD": "cp", "BROKER_USE_SSL": true}
            """);

        Assert.Equal(["amqp: host='rabbit', password='cp', port=5671, use_tls=true, username='celery'"], checks);
    }

    [Fact]
    public void Generate_OldStyleCeleryRedisBackend_Redis()
    {
        var checks = Generate.Django("""
            {"BROKER_BACKEND": "redis", "BROKER_HOST": "redis", "BROKER_PORT": 6380, "BROKER_PASSWORD": "rp"}
            """);

        Assert.Equal(["redis: host='redis', password='rp', port=6380"], checks);
    }

    [Fact]
    public void Generate_OldStyleCeleryOtherBackend_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""{"BROKER_BACKEND": "django", "BROKER_HOST": "localhost"}""");

        Assert.Empty(checks);
        Assert.Equal(["BROKER_BACKEND django: conn-check checks amqp and redis brokers only; no check for BROKER_HOST"], notes);
    }

    [Theory]
    [InlineData("{\"BROKER_HOST\": \"rabbit:5673\"}", "amqp: host='rabbit', password='guest', port=5673, use_tls=false, username='guest'")]
    [InlineData("{\"BROKER_HOST\": \"[::1]:5673\"}", "amqp: host='::1', password='guest', port=5673, use_tls=false, username='guest'")]
    [InlineData("{\"BROKER_HOST\": \"::1\", \"BROKER_PORT\": 5673}", "amqp: host='::1', password='guest', port=5673, use_tls=false, username='guest'")]
    [InlineData("{\"BROKER_BACKEND\": \"redis\", \"BROKER_HOST\": \"redis:6380\"}", "redis: host='redis', port=6380")]
    [InlineData("{\"BROKER_HOST\": \"amqp://u:p@rabbit:5673/jobs\"}", "amqp: host='rabbit', password='p', port=5673, use_tls=false, username='u', vhost='jobs'")]
    public void Generate_OldStyleCeleryHostWithPort_PortFromTheHost(string json, string expected)
    {
        var (checks, notes) = Generate.DjangoWithNotes(json);

        Assert.Equal([expected], checks);
        Assert.Empty(notes);
    }

    [Fact]
    public void Generate_OldStyleCeleryHostAndPortDisagree_TheHostsPortWithANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""{"BROKER_HOST": "rabbit:5673", "BROKER_PORT": 5672}""");

        Assert.Equal(["amqp: host='rabbit', password='guest', port=5673, use_tls=false, username='guest'"], checks);
        Assert.Equal(["BROKER_HOST 'rabbit:5673' gives port 5673 and BROKER_PORT 5672; checked 5673, as the client does"], notes);
    }

    [Theory]
    [InlineData("this is not a host", "BROKER_HOST 'this is not a host' is not HOST or HOST:PORT; no check")]
    [InlineData("rabbit:notaport", "BROKER_HOST 'rabbit:notaport' is not HOST or HOST:PORT; no check")]
    public void Generate_OldStyleCeleryHostNotAHost_NoCheckAndANote(string host, string note)
    {
        var (checks, notes) = Generate.DjangoWithNotes($$$$"""{"BROKER_HOST": "{{{{host}}}}"}""");

        Assert.Empty(checks);
        Assert.Equal([note], notes);
    }

    [Fact]
    public void Generate_OldStyleCeleryNoCredentials_KombuDefaults()
    {
        var checks = Generate.Django("""{"BROKER_HOST": "rabbit"}""");

        Assert.Equal(["amqp: host='rabbit', password='guest', port=5672, use_tls=false, username='guest'"], checks);
    }

    [Theory]
    [InlineData("CELERY_BROKER_URL")]
    [InlineData("BROKER_URL")]
    public void Generate_AmqpBrokerUrl_Amqp(string key)
    {
        var checks = Generate.Django($$$$"""{"{{{{key}}}}": "amqp://celery:p%40ss@rabbit.internal:5673/celery%2Fjobs"}""");

        Assert.Equal(["amqp: host='rabbit.internal', password='p@ss', port=5673, use_tls=false, username='celery', vhost='celery/jobs'"], checks);
    }

    [Theory]
    [InlineData("amqp://guest@localhost//", "amqp: host='localhost', password='guest', port=5672, use_tls=false, username='guest', vhost='/'")]
    [InlineData("pyamqp://rabbit", "amqp: host='rabbit', password='guest', port=5672, use_tls=false, username='guest'")]
    [InlineData("amqps://u:p@rabbit/", "amqp: host='rabbit', password='p', port=5671, use_tls=true, username='u'")]
    [InlineData("redis://:rp@redis.internal:6380/0", "redis: host='redis.internal', password='rp', port=6380")]
    [InlineData("redis://worker:rp@redis.internal/1", "redis: host='redis.internal', password='rp', port=6379, username='worker'")]
    [InlineData("redis://redis.internal", "redis: host='redis.internal', port=6379")]
    [InlineData("rediss://redis.internal:6390/0", "redis: host='redis.internal', port=6390, use_tls=true")]
    [InlineData("rediss://:rp@redis.internal:6390/0", "redis: host='redis.internal', password='rp', port=6390, use_tls=true")]
    public void Generate_BrokerUrl_TheCheckKombuWouldConnectAs(string url, string expected)
    {
        var checks = Generate.Django($$$$"""{"CELERY_BROKER_URL": "{{{{url}}}}"}""");

        Assert.Equal([expected], checks);
    }

    [Fact]
    public void Generate_FailoverBrokerUrls_OneCheckEachWithItsOwnVariable()
    {
        var checks = Generate.Django(
            """{"CELERY_BROKER_URL": "amqp://u:one@rabbit1//;amqp://u:two@rabbit2//", "BROKER_URL": "amqp://ignored//"}""",
            new GeneratorOptions { SecretsAsEnvironment = true });

        Assert.Equal(
            [
                "amqp: host='rabbit1', password='${CELERY_BROKER_URL_1_PASSWORD}', port=5672, use_tls=false, username='u', vhost='/'",
                "amqp: host='rabbit2', password='${CELERY_BROKER_URL_2_PASSWORD}', port=5672, use_tls=false, username='u', vhost='/'",
            ],
            checks);
    }

    [Fact]
    public void Generate_OtherTransportUrl_NoCheckAndANote()
    {
        var (checks, notes) = Generate.DjangoWithNotes("""{"CELERY_BROKER_URL": "sqs://"}""");

        Assert.Empty(checks);
        Assert.Equal(["CELERY_BROKER_URL: not an amqp:// or redis:// URL; no check"], notes);
    }
}
