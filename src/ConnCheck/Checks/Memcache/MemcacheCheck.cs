using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;

namespace ConnCheck.Checks.Memcache;

/// <summary><c>type: memcache</c> (alias <c>memcached</c>) — a tcp connect, then the server's answer to <c>version</c>.</summary>
internal sealed record MemcacheCheck(CheckCommon Common, string Host, int Port) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("memcache", ["memcached"], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var prefix = $"memcache:{Names.HostPort(Host, Port)}:";
        var tcp = TcpConnector.Subcheck(Host, Port, handOver: true);
        return
        [
            tcp with { Name = prefix + tcp.Name },
            new Subcheck(prefix + "connect", null, (context, cancellationToken) =>
                MemcacheVersion.AskAsync(context, Host, Port, cancellationToken))
            {
                Egress = tcp.Egress,
            },
        ];
    }

    private static MemcacheCheck Parse(OptionReader options, CheckCommon common) =>
        new(common, options.Host(), options.Port());
}
