using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;
using ConnCheck.Secrets;

namespace ConnCheck.Services.Redis;

/// <summary>
/// <c>type: redis</c> — a tcp connect, then a Redis connection that authenticates when a
/// <see cref="Password"/> is given (as <see cref="Username"/> when one is given, for Redis 6 ACLs),
/// else answers PING.
/// </summary>
internal sealed record RedisCheck(CheckCommon Common, string Host, int Port, string? Username, Secret? Password) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("redis", [], Parse);

    /// <summary>The user the server knows the connection as: Redis calls the user of a bare password <c>default</c>.</summary>
    public string User => Username ?? "default";

    public override IReadOnlyList<Subcheck> Plan()
    {
        var prefix = $"redis:{Names.HostPort(Host, Port)}:";
        var tcp = TcpConnector.Subcheck(Host, Port);
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

        return new RedisCheck(common, host, port, username, password);
    }}
