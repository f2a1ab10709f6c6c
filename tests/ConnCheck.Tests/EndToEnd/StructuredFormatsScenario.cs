using System.Net;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// Three checks on loopback for the structured formats, in <c>checks.yaml</c>: a labelled tcp check
/// that succeeds (line 1), a tcp check to [::1] that succeeds (line 6), and a memcache check to a
/// refused port (line 10), whose connect fails and whose memcache subcheck is therefore skipped.
/// </summary>
internal sealed class StructuredFormatsScenario : IAsyncDisposable
{
    public const string Config = "checks.yaml";

    private readonly TcpPeer _tcp = TcpPeer.Start();
    private readonly TcpPeer _tcp6 = TcpPeer.Start(IPAddress.IPv6Loopback);
    private readonly ClosedPort _closed = new();

    public StructuredFormatsScenario()
    {
        Directory.Write(Config, $"""
            - type: tcp
              name: web front
              host: 127.0.0.1
              port: {_tcp.Port}
              tags: [web, edge]
            - type: tcp
              host: "::1"
              port: {_tcp6.Port}
              tags: [web]
            - type: memcache
              host: 127.0.0.1
              port: {_closed.Port}
              tags: [cache]
            """);
    }

    public TempDirectory Directory { get; } = new();

    public string TcpName => $"tcp:127.0.0.1:{_tcp.Port}";

    public string Tcp6Name => $"tcp:[::1]:{_tcp6.Port}";

    public int Tcp6Port => _tcp6.Port;

    public string RefusedName => $"memcache:127.0.0.1:{_closed.Port}:tcp:127.0.0.1:{_closed.Port}";

    public string SkippedName => $"memcache:127.0.0.1:{_closed.Port}:connect";

    /// <summary>Every result name, in file order.</summary>
    public IReadOnlyList<string> Names => [TcpName, Tcp6Name, RefusedName, SkippedName];

    public string PathOf(string name) => System.IO.Path.Combine(Directory.Path, name);

    public Task<ProcessResult> RunAsync(params string[] arguments) => ConnCheckBinary.RunAsync(Directory.Path, arguments);

    public async ValueTask DisposeAsync()
    {
        await _tcp.DisposeAsync();
        await _tcp6.DisposeAsync();
        _closed.Dispose();
        Directory.Dispose();
    }
}
