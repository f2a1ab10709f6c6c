using ConnCheck.Tests.EndToEnd;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Serve;

/// <summary>What serve's end-to-end tests start from: a tcp peer on loopback, and a directory whose checks.yaml has one tcp check to it.</summary>
public abstract class TcpPeerServeTests : IAsyncLifetime
{
    private protected TcpPeer Peer { get; } = TcpPeer.Start();

    private protected TempDirectory Workspace { get; } = new();

    public Task InitializeAsync()
    {
        Workspace.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {Peer.Port}
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Workspace.Dispose();
        await Peer.DisposeAsync();
    }
}
