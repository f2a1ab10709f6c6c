using ConnCheck.Configuration;

namespace ConnCheck.Checks.Tcp;

/// <summary><c>type: tcp</c> — connect to HOST:PORT and close.</summary>
internal sealed record TcpCheck(CheckCommon Common, string Host, int Port) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("tcp", [], Parse);

    public override IReadOnlyList<Subcheck> Plan() => [TcpConnector.Subcheck(Host, Port)];

    private static TcpCheck Parse(OptionReader options, CheckCommon common) =>
        new(common, options.Host(), options.Port());
}
