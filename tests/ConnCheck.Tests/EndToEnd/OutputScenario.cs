using System.Text;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// Three checks on loopback, each with its own tag: a tcp check that succeeds, a udp ping/pong
/// that succeeds, and a tcp check to a refused port. Listed in that order in <c>checks.yaml</c>.
/// </summary>
internal sealed class OutputScenario : IAsyncDisposable
{
    public const string Config = "checks.yaml";

    private readonly TcpPeer _tcp = TcpPeer.Start();
    private readonly UdpPeer _udp = UdpPeer.Start(request => Encoding.ASCII.GetString(request) == "ping" ? "pong"u8.ToArray() : null);
    private readonly ClosedPort _closed = new();

    public OutputScenario()
    {
        Directory.Write(Config, $"""
            - type: tcp
              host: 127.0.0.1
              port: {_tcp.Port}
              tags: [web]
            - type: udp
              host: 127.0.0.1
              port: {_udp.Port}
              send: ping
              expect: pong
              tags: [stats]
            - type: tcp
              host: 127.0.0.1
              port: {_closed.Port}
              tags: [db]
            """);
    }

    public TempDirectory Directory { get; } = new();

    /// <summary>Connections the tcp peer accepted: zero after a run that ran nothing.</summary>
    public int TcpAccepted => _tcp.Accepted;

    public string TcpName => $"tcp:127.0.0.1:{_tcp.Port}";

    public string UdpName => $"udp:127.0.0.1:{_udp.Port}";

    public string RefusedName => $"tcp:127.0.0.1:{_closed.Port}";

    public string TcpOk => $"{TcpName} OK";

    public string UdpOk => $"{UdpName} OK";

    public string Refused => $"{RefusedName} FAILED - (127.0.0.1:{_closed.Port}) Connection refused";

    public Task<ProcessResult> RunAsync(params string[] arguments) => ConnCheckBinary.RunAsync(Directory.Path, arguments);

    public async ValueTask DisposeAsync()
    {
        await _tcp.DisposeAsync();
        await _udp.DisposeAsync();
        _closed.Dispose();
        Directory.Dispose();
    }
}
