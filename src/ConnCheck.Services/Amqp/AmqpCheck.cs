using System.Net;
using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;

namespace ConnCheck.Services.Amqp;

/// <summary>
/// <c>type: amqp</c> — a tcp connect, a TLS handshake when <see cref="UseTls"/> (verified only with
/// <see cref="VerifyTls"/>, as 1.x never verified), then an AMQP 0-9-1 connection to <see cref="Vhost"/>
/// as the user, and a channel on it.
/// </summary>
internal sealed record AmqpCheck(CheckCommon Common, string Host, int Port, NetworkCredential Credentials, bool UseTls, bool VerifyTls, string Vhost, string? ServerName = null) : CheckDefinition(Common)
{
    public const string DefaultVhost = "/";

    public static CheckType Type { get; } = new("amqp", [], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var hostPort = Names.HostPort(Host, Port);
        var egress = Egress.Tcp(Host, Port);
        var open = new Subcheck($"amqp:{hostPort}", $"user {Credentials.UserName}", (context, cancellationToken) =>
            AmqpConnector.OpenAsync(context, this, cancellationToken))
        {
            Egress = egress,
        };
        if (!UseTls)
        {
            return [TcpConnector.Subcheck(Host, Port), open];
        }

        var tls = new Subcheck($"tls:{hostPort}", hostPort, async (context, cancellationToken) =>
        {
            await using var stream = await TlsConnector.ConnectAsync(context, Host, Port, VerifyTls, cancellationToken, new TlsClientOptions(ServerName, null));
        })
        {
            Egress = egress,
        };
        return [TcpConnector.Subcheck(Host, Port, handOver: true), tls, open];
    }

    private static AmqpCheck Parse(OptionReader options, CheckCommon common)
    {
        var host = options.Host();
        var port = options.Port();
        var username = options.String("username", required: true) ?? "";
        var password = options.SecretString("password", required: true)?.Reveal() ?? "";
        var useTls = options.Bool("use_tls", true);
        var verifyTls = VerifyTlsOption.Read(options, "use_tls", useTls, "verify_tls: true needs use_tls: true (without TLS there is no certificate to verify)");

        // An empty vhost (`vhost:` or `${VHOST:-}`) means the default, as no broker has a vhost named "".
        var vhost = options.String("vhost") is { Length: > 0 } written ? written : DefaultVhost;
        var serverName = TlsClientOptions.ParseServerName(options);
        if (serverName is not null && !useTls)
        {
            options.Error(TlsClientOptions.ServerNameKey, $"{TlsClientOptions.ServerNameKey} needs use_tls: true (without TLS there is no server name to send)");
        }

        return new AmqpCheck(common, host, port, new NetworkCredential(username, password), useTls, verifyTls, vhost, serverName);
    }
}
