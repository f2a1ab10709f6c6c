using ConnCheck.Configuration;

namespace ConnCheck.Checks.Tls;

/// <summary><c>type: tls</c> (alias <c>ssl</c>) — connect and complete a TLS handshake.</summary>
internal sealed record TlsCheck(CheckCommon Common, string Host, int Port, bool DisableTlsVerification, TlsClientOptions Tls) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("tls", ["ssl"], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var hostPort = Names.HostPort(Host, Port);
        return
        [
            new Subcheck($"tls:{hostPort}", hostPort, async (context, cancellationToken) =>
            {
                await using var stream = await TlsConnector.ConnectAsync(context, Host, Port, !DisableTlsVerification, Tls, awaitVerdict: true, cancellationToken);
            })
            {
                Egress = Egress.Tcp(Host, Port),
            },
        ];
    }

    private static TlsCheck Parse(OptionReader options, CheckCommon common) =>
        new(common, options.Host(), options.Port(), options.Bool("disable_tls_verification", false), TlsClientOptions.Parse(options, clientCertificates: true));
}
