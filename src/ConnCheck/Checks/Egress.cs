namespace ConnCheck.Checks;

/// <summary>A connection a check opens: where to and over which transport (<c>tcp</c> or <c>udp</c>).</summary>
internal sealed record Egress(string Host, int Port, string Protocol)
{
    public static Egress Tcp(string host, int port) => new(host, port, "tcp");

    public static Egress Udp(string host, int port) => new(host, port, "udp");
}
