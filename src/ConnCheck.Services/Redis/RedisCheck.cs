using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Secrets;

namespace ConnCheck.Services.Redis;

/// <summary>
/// <c>type: redis</c> — a tcp connect, then a Redis connection that authenticates when a
/// <see cref="Password"/> is given (as <see cref="Username"/> when one is given, for Redis 6 ACLs),
/// else answers PING. With <c>use_tls</c> (<see cref="Tls"/>) the connection is TLS, verified as the tls
/// check verifies unless <c>disable_tls_verification</c>.
/// </summary>
internal sealed record RedisCheck(CheckCommon Common, string Host, int Port, string? Username, Secret? Password, RedisTls? Tls = null) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("redis", [], Parse);

    /// <summary>The user the server knows the connection as: Redis calls the user of a bare password <c>default</c>.</summary>
    public string User => Username ?? "default";

    public override IReadOnlyList<Subcheck> Plan()
    {
        var prefix = $"redis:{Names.HostPort(Host, Port)}:";
        var tcp = TcpConnector.Subcheck(Host, Port, handOver: true);
        return
        [
            tcp with { Name = prefix + tcp.Name },
            new Subcheck(prefix + (Password is null ? "connect" : "connect with auth"), null, (context, cancellationToken) =>
                RedisConnector.ConnectAsync(context, this, cancellationToken))
            {
                Egress = tcp.Egress,
            },
        ];
    }

    private static RedisCheck Parse(OptionReader options, CheckCommon common)
    {
        var host = options.Host();
        var port = options.Port();
        var password = options.SecretString("password") is { IsEmpty: false } written ? written : null;
        var username = options.String("username") is { Length: > 0 } user ? user : null;
        if (username is not null && password is null)
        {
            // Redis has no login by name alone: AUTH takes a user and a password.
            options.Error("username", "username needs a password: Redis authenticates a user with AUTH username password");
        }

        return new RedisCheck(common, host, port, username, password, ParseTls(options));
    }

    private static RedisTls? ParseTls(OptionReader options)
    {
        var useTls = options.Bool("use_tls", false);
        var verify = !options.Bool("disable_tls_verification", false);
        var serverName = TlsClientOptions.ParseServerName(options);
        if (useTls)
        {
            return new RedisTls(verify, serverName);
        }

        foreach (var key in new[] { "disable_tls_verification", TlsClientOptions.ServerNameKey })
        {
            if (options.Has(key) && options.Written(key) is { Length: > 0 })
            {
                options.Error(key, $"{key} needs use_tls: true (without TLS there is no certificate to verify)");
            }
        }

        return null;
    }
}

/// <summary>A redis check's TLS: whether to verify the server's certificate, and the name to ask for and verify.</summary>
internal sealed record RedisTls(bool Verify, string? ServerName);
