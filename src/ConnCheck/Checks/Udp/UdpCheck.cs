using ConnCheck.Configuration;

namespace ConnCheck.Checks.Udp;

/// <summary><c>type: udp</c> — send a datagram and expect a given reply.</summary>
internal sealed record UdpCheck(CheckCommon Common, string Host, int Port, string Send, string Expect) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("udp", [], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var hostPort = Names.HostPort(Host, Port);
        return
        [
            new Subcheck($"udp:{hostPort}", hostPort, (context, cancellationToken) => UdpExchange.RunAsync(context, Host, Port, Send, Expect, cancellationToken))
            {
                Egress = Egress.Udp(Host, Port),
            },
        ];
    }

    private static UdpCheck Parse(OptionReader options, CheckCommon common) =>
        new(common, options.Host(), options.Port(), options.String("send", required: true) ?? "", options.String("expect", required: true) ?? "");
}
