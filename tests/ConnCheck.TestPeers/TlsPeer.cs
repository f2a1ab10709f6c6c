using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ConnCheck.TestPeers;

/// <summary>
/// A TLS server presenting a given certificate (and optionally more of its chain). After a
/// handshake it waits for the client to close; it records the SNI host name of every ClientHello.
/// </summary>
public sealed class TlsPeer : IAsyncDisposable
{
    private static readonly TimeSpan ConnectionLimit = TimeSpan.FromSeconds(10);

    private readonly SslStreamCertificateContext _certificate;
    private readonly ConcurrentQueue<string> _serverNames = new();
    private readonly AcceptLoop _loop;
    private int _handshakes;

    private TlsPeer(X509Certificate2 certificate, X509Certificate2Collection? chain, IPAddress? address, int port)
    {
        // Offline: build the chain from what we are given, never by fetching issuers from the network.
        _certificate = SslStreamCertificateContext.Create(certificate, chain, offline: true);
        _loop = AcceptLoop.Start(address, port, ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    /// <summary>How many handshakes have completed.</summary>
    public int Handshakes => Volatile.Read(ref _handshakes);

    /// <summary>The SNI host name of each ClientHello received, in order; empty when the client sent none.</summary>
    public IReadOnlyList<string> ServerNames => [.. _serverNames];

    /// <summary>
    /// Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any free port),
    /// presenting <paramref name="certificate"/> (with its private key) followed by <paramref name="chain"/>.
    /// </summary>
    public static TlsPeer Start(X509Certificate2 certificate, IPAddress? address = null, int port = 0, X509Certificate2Collection? chain = null) =>
        new(certificate, chain, address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectionLimit);
        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await stream.AuthenticateAsServerAsync(SelectOptions, null, limit.Token);
        Interlocked.Increment(ref _handshakes);

        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, limit.Token) > 0)
        {
            // Discarded: the peer only proves the handshake, then lets the client close first.
        }
    }

    private ValueTask<SslServerAuthenticationOptions> SelectOptions(SslStream stream, SslClientHelloInfo hello, object? state, CancellationToken cancellationToken)
    {
        _serverNames.Enqueue(hello.ServerName ?? "");
        return ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = _certificate });
    }
}
