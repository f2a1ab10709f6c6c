using System.Text;
using ConnCheck.TestPeers;
using ConnCheck.TestPeers.Mongo;
using ConnCheck.TestPeers.Sql;
using ConnCheck.Tests.Services;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// SPEC C2 end to end: every check type, with distinctive passwords (right and wrong, written out and
/// from the environment), against the real servers and our wire-protocol peers, through every output
/// option and format; no byte of any secret may appear on stdout, stderr or in any file written.
/// </summary>
public sealed class SecretScanTests
{
    // Distinctive enough that finding one anywhere can only be a leak.
    private static readonly Dictionary<string, string> Written = new(StringComparer.Ordinal)
    {
        ["postgres"] = "Scan-Wrong-Pg-7Qx",
        ["mysql"] = "Scan-Wrong-My-8Rt",
        ["redis"] = "Scan-Wrong-Redis-3Kd",
        ["redis-open"] = "Scan-NoPass-Redis-4Ts",
        ["amqp"] = "Scan-Wrong-Amqp-5Lp",
        ["smtp"] = "Scan-Wrong-Smtp-2Vb",
        ["mongo-wrong"] = "Scan-Wrong-Mongo-4Hn",
        ["mongo-right"] = "Scan-Right-Mongo-6Jm",
        ["basic"] = "Scan-Wrong-Basic-1Ab",
        ["digest"] = "Scan-Wrong-Digest-7Uu",
        ["header-key"] = "Scan-Header-Key-9Zz",
        ["bearer"] = "Bearer Scan-Bearer-0Yy",
        ["cookie"] = "Scan-Cookie-5Ee",
        ["url-password"] = "Scan-Url-Pw-3Cc",
        ["proxy-password"] = "Scan-Proxy-Pw-6Gg",
        ["url-token"] = "Scan-Url-Token-8Dd",
        ["query-key"] = "Scan-Query-Key-2Ff",
        ["query-token"] = "Scan-Query-Token-5Qt",
        ["param-secret"] = "Scan-Param-Secret-9Ps",
        ["pg-cleartext"] = "Scan-Cleartext-Pg-1Pq",
        ["my-cleartext"] = "Scan-Cleartext-My-2Mq",
        ["redirect-key"] = "Scan-Redirect-Key-3Rk",
        ["redirect-cookie"] = "Scan-Redirect-Cookie-4Rc",
        ["amqp-verify"] = "Scan-Verify-Amqp-6Va",
    };

    public static TheoryData<string[]> OutputOptions => new()
    {
        Array.Empty<string>(),
        new[] { "-v" },
        new[] { "-d", "-t" },
        new[] { "-U", "-v", "-t" },
        new[] { "--dry-run", "-v" },
        new[] { "--validate" },
        new[] { "-t", "--format", "json", "--format", "junit:OUT/results.xml", "--format", "tap:OUT/results.tap", "--format", "prometheus:OUT/results.prom", "--format", "text:OUT/results.txt" },
        new[] { "-t", "--format", "nagios", "--format", "json:OUT/results.json" },
        new[] { "export-fw", "--output", "OUT/rules.yaml" },
        new[] { "export-fw" },
    };

    [Theory]
    [MemberData(nameof(OutputOptions))]
    public async Task Run_EveryTypeWithSecrets_NoSecretByteInAnyOutput(string[] options)
    {
        await using var mongo = MongoWirePeer.Start(new MongoPeerOptions
        {
            Users = [new MongoPeerUser("app", Written["mongo-right"], "admin")],
            RequireAuth = true,
        });

        // Peers a man in the middle would run: they ask for the password in cleartext, or send
        // the client on to another origin, and record whatever arrives.
        await using var postgres = PostgresPasswordPeer.Start();
        await using var mysql = MysqlPasswordPeer.Start();
        await using var elsewhere = HttpPeer.Start(_ => new HttpPeerAnswer(200));
        await using var redirecting = HttpPeer.Start(_ => new HttpPeerAnswer(302, $"http://127.0.0.1:{elsewhere.Port}/landing"));
        using var config = new TempDirectory();
        using var output = new TempDirectory();
        var (yaml, environment) = Configuration(mongo.Port);
        yaml += $$"""

            - {type: postgres, host: 127.0.0.1, port: {{postgres.Port}}, username: app, password: {{Written["pg-cleartext"]}}, database: d}
            - {type: mysql, host: 127.0.0.1, port: {{mysql.Port}}, username: app, password: {{Written["my-cleartext"]}}, database: d}
            - {type: http, url: "http://127.0.0.1:{{redirecting.Port}}/start", allow_redirects: true, headers: {X-Api-Key: {{Written["redirect-key"]}} }, cookies: {session: {{Written["redirect-cookie"]}} } }
            """;
        config.Write("checks.yaml", yaml);
        // export-fw runs nothing, and refuses the options of a run.
        string[] timeout = options is ["export-fw", ..] ? [] : ["--connect-timeout", "5"];
        string[] arguments = [.. options.Select(o => o.Replace("OUT", output.Path, StringComparison.Ordinal)), .. timeout, "checks.yaml"];

        var result = await ConnCheckBinary.RunAsync(config.Path, arguments, environment, TimeSpan.FromSeconds(60));

        Assert.False(result.Killed, result.ToString());
        Assert.NotEqual(3, result.ExitCode);
        var secrets = Written.Values.Concat(environment.Values).ToList();
        AssertNoSecret(secrets, "stdout", Encoding.UTF8.GetBytes(result.Stdout));
        AssertNoSecret(secrets, "stderr", Encoding.UTF8.GetBytes(result.Stderr));
        foreach (var file in Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories))
        {
            AssertNoSecret(secrets, file, await File.ReadAllBytesAsync(file));
        }

        // The scan means something only when the checks ran: the peers were asked, and secrets masked.
        if (options is not ["export-fw", ..] && !options.Contains("--validate") && !options.Contains("--dry-run"))
        {
            Assert.True(postgres.Startups > 0 && elsewhere.Requests.Count > 0, result.ToString());
            var printed = result.Stdout + string.Concat(Directory.EnumerateFiles(output.Path).Select(File.ReadAllText));
            Assert.Contains("***", printed, StringComparison.Ordinal);
            Assert.Contains("cleartext", printed, StringComparison.Ordinal);
        }

        AssertNoSecret(secrets, "the cleartext-asking PostgreSQL peer", Encoding.UTF8.GetBytes(string.Join("\n", postgres.PasswordMessages)));
        AssertNoSecret(secrets, "the cleartext-asking MySQL peer", Encoding.UTF8.GetBytes(string.Join("\n", mysql.SwitchReplies)));
        var received = elsewhere.Requests.Select(r => $"{r.Method} {r.Target}\n{string.Join("\n", r.Headers.Select(h => $"{h.Key}: {h.Value}"))}\n{r.Body}");
        AssertNoSecret(secrets, "the other origin of a redirect", Encoding.UTF8.GetBytes(string.Join("\n", received)));
    }

    private static void AssertNoSecret(IEnumerable<string> secrets, string where, byte[] content)
    {
        foreach (var secret in secrets)
        {
            // The secret's bytes, and the secret without a prefix such as "Bearer ".
            foreach (var needle in new[] { secret, secret.Split(' ')[^1] })
            {
                Assert.True(content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) < 0, $"{where} holds the secret {needle}:\n{Encoding.UTF8.GetString(content)}");
            }
        }
    }

    private static (string Yaml, Dictionary<string, string> Environment) Configuration(int mongoPort)
    {
        var pg = TestServer.Settings("postgres");
        var my = TestServer.Settings("mariadb");
        var redis = TestServer.Settings("redis");
        var amqp = TestServer.Settings("rabbitmq");
        var smtp = TestServer.Settings("exim");
        var http = TestServer.Settings("http");
        var memcached = TestServer.Settings("memcached");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SCAN_PG_PASSWORD"] = pg["PASSWORD"],
            ["SCAN_MY_PASSWORD"] = my["PASSWORD"],
            ["SCAN_REDIS_PASSWORD"] = redis["PASSWORD"],
            ["SCAN_AMQP_PASSWORD"] = amqp["PASSWORD"],
            ["SCAN_SMTP_PASSWORD"] = smtp["PASSWORD"],
            ["SCAN_BASIC_PASSWORD"] = http["BASIC_PASSWORD"],
            ["SCAN_PROXY_PASSWORD"] = http["PROXY_PASSWORD"],
        };
        var nginx = $"http://127.0.0.1:{http["NGINX_PORT"]}";
        var apache = $"http://127.0.0.1:{http["APACHE_HTTP_PORT"]}";
        var yaml = $$"""
            - {type: tcp, host: 127.0.0.1, port: {{pg["PORT"]}} }
            - {type: tls, host: 127.0.0.1, port: {{amqp["TLS_PORT"]}}, disable_tls_verification: true}
            - {type: udp, host: 127.0.0.1, port: 9, send: ping, expect: pong, timeout: 0.5}
            - {type: memcache, host: 127.0.0.1, port: {{memcached["PORT"]}} }
            - {type: postgres, host: 127.0.0.1, port: {{pg["PORT"]}}, username: {{pg["USER"]}}, password: "${SCAN_PG_PASSWORD}", database: {{pg["DATABASE"]}} }
            - {type: postgres, host: 127.0.0.1, port: {{pg["PORT"]}}, username: {{pg["USER"]}}, password: {{Written["postgres"]}}, database: {{pg["DATABASE"]}} }
            - {type: mysql, host: 127.0.0.1, port: {{my["PORT"]}}, username: {{my["USER"]}}, password: "${SCAN_MY_PASSWORD}", database: {{my["DATABASE"]}} }
            - {type: mysql, host: 127.0.0.1, port: {{my["PORT"]}}, username: {{my["USER"]}}, password: {{Written["mysql"]}}, database: {{my["DATABASE"]}} }
            - {type: redis, host: 127.0.0.1, port: {{redis["PORT"]}}, password: "${SCAN_REDIS_PASSWORD}"}
            - {type: redis, host: 127.0.0.1, port: {{redis["PORT"]}}, password: {{Written["redis"]}} }
            - {type: redis, host: 127.0.0.1, port: {{redis["OPEN_PORT"]}}, password: {{Written["redis-open"]}} }
            - {type: amqp, host: 127.0.0.1, port: {{amqp["PORT"]}}, use_tls: false, username: {{amqp["USER"]}}, password: "${SCAN_AMQP_PASSWORD}", vhost: {{amqp["VHOST"]}} }
            - {type: amqp, host: 127.0.0.1, port: {{amqp["TLS_PORT"]}}, username: {{amqp["USER"]}}, password: {{Written["amqp"]}}, vhost: {{amqp["VHOST"]}} }
            - {type: smtp, host: 127.0.0.1, port: {{smtp["TLS_PORT"]}}, username: {{smtp["USER"]}}, password: "${SCAN_SMTP_PASSWORD}", send: false}
            - {type: smtp, host: 127.0.0.1, port: {{smtp["STARTTLS_PORT"]}}, use_tls: false, starttls: true, username: {{smtp["USER"]}}, password: {{Written["smtp"]}}, send: false}
            - {type: mongodb, host: 127.0.0.1, port: {{mongoPort}}, username: app, password: {{Written["mongo-right"]}}, auth_source: admin}
            - {type: mongodb, host: 127.0.0.1, port: {{mongoPort}}, username: app, password: {{Written["mongo-wrong"]}}, auth_source: admin}
            - {type: http, url: "{{apache}}{{http["BASIC_PATH"]}}", auth: [{{http["BASIC_USER"]}}, "${SCAN_BASIC_PASSWORD}"]}
            - {type: http, url: "{{apache}}{{http["BASIC_PATH"]}}", auth: [{{http["BASIC_USER"]}}, {{Written["basic"]}}]}
            - {type: http, url: "{{apache}}{{http["DIGEST_PATH"]}}", digest_auth: [{{http["DIGEST_USER"]}}, {{Written["digest"]}}]}
            - {type: http, url: "{{nginx}}/", headers: {X-Api-Key: {{Written["header-key"]}}, Authorization: "{{Written["bearer"]}}"}, cookies: {session: {{Written["cookie"]}} } }
            - {type: http, url: "http://scan-user:{{Written["url-password"]}}@127.0.0.1:{{http["NGINX_PORT"]}}/missing", expected_code: 200}
            - {type: http, url: "{{nginx}}/", proxy_url: "http://{{http["PROXY_USER"]}}:{{Written["proxy-password"]}}@127.0.0.1:{{http["SQUID_AUTH_PORT"]}}"}
            - {type: http, url: "{{nginx}}/", proxy_url: "http://{{http["PROXY_USER"]}}:${SCAN_PROXY_PASSWORD}@127.0.0.1:{{http["SQUID_AUTH_PORT"]}}"}
            - {type: http, url: "http://{{Written["url-token"]}}@127.0.0.1:{{http["NGINX_PORT"]}}/missing?api_key={{Written["query-key"]}}&access_token={{Written["query-token"]}}&page=2"}
            - {type: http, url: "{{nginx}}/missing", params: {page: "2", client_secret: {{Written["param-secret"]}} } }
            - {type: amqp, host: localhost, port: {{amqp["TLS_PORT"]}}, verify_tls: true, username: {{amqp["USER"]}}, password: {{Written["amqp-verify"]}}, vhost: {{amqp["VHOST"]}}}
            """;
        return (yaml, environment);
    }
}
