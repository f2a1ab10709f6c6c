using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace ConnCheck.TestPeers;

/// <summary>
/// The peers of the README's demo, on fixed 127.0.0.1 ports: tcp 18001, tls 18443 (CA in DIR/ca/ca.pem),
/// a silent tcp peer 18002, udp 18125 (ping → pong), and two peers that send each connection 64 KiB of
/// random bytes and then say nothing: 18004, and 18005 where the bytes start with a length that
/// length-prefixed protocols accept (<see cref="LongMessage"/>). Writes DIR/ready once all listen, then runs
/// until SIGTERM or SIGINT, or until its standard input reaches end of file.
/// </summary>
internal static class DemoHost
{
    public const int TcpPort = 18001;
    public const int SilentPort = 18002;
    public const int GarbagePort = 18004;
    public const int LongMessagePort = 18005;
    public const int GarbageLength = 64 * 1024;

    /// <summary>
    /// The start of 18005's bytes: to MongoDB a message of 33,554,433 bytes (its little-endian length),
    /// to AMQP 0-9-1 a method frame on channel 0 with 33,554,432 bytes of payload (its big-endian one).
    /// Both are within what the drivers take on trust; what follows is random and never ends the message.
    /// </summary>
    public static readonly byte[] LongMessage = [1, 0, 0, 2, 0, 0, 0];
    public const int TlsPort = 18443;
    public const int UdpPort = 18125;

    public static async Task<int> RunAsync(string directory)
    {
        var ready = Path.Combine(directory, "ready");
        var caDirectory = Path.Combine(directory, "ca");
        Directory.CreateDirectory(caDirectory);
        File.Delete(ready);

        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await File.WriteAllTextAsync(Path.Combine(caDirectory, "ca.pem"), certificates.Ca.ExportCertificatePem() + "\n");

        var peers = new List<IAsyncDisposable>();
        if (!TryStart(TcpPort, () => TcpPeer.Start(port: TcpPort), peers)
            || !TryStart(TlsPort, () => TlsPeer.Start(certificates.Leaf, port: TlsPort), peers)
            || !TryStart(SilentPort, () => SilentPeer.Start(port: SilentPort), peers)
            || !TryStart(GarbagePort, () => GarbagePeer.StartRandom(GarbageLength, port: GarbagePort), peers)
            || !TryStart(LongMessagePort, () => GarbagePeer.StartRandom(GarbageLength, LongMessage, port: LongMessagePort), peers)
            || !TryStart(UdpPort, () => UdpPeer.Start(Answer, port: UdpPort), peers))
        {
            await DisposeAllAsync(peers);
            return 1;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await File.WriteAllTextAsync(ready, "");
        Console.WriteLine($"demo peers ready: tcp 127.0.0.1:{TcpPort}, tls 127.0.0.1:{TlsPort}, silent tcp 127.0.0.1:{SilentPort}, garbage tcp 127.0.0.1:{GarbagePort} and {LongMessagePort}, udp 127.0.0.1:{UdpPort}");
        if (WatchesStandardInput())
        {
            _ = WaitForEndOfInputAsync().ContinueWith(_ => stop.TrySetResult(), TaskScheduler.Default);
        }

        await stop.Task;
        await DisposeAllAsync(peers);
        try
        {
            File.Delete(ready);
        }
        catch (DirectoryNotFoundException)
        {
            // Whoever stopped us may already have removed the directory.
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            // Handled: Main returns 0 after closing the peers instead of the runtime's default exit.
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    private static byte[] Answer(byte[] datagram) =>
        Encoding.UTF8.GetBytes(datagram.AsSpan().SequenceEqual("ping"u8) ? "pong" : "what?");

    private static bool TryStart(int port, Func<IAsyncDisposable> start, List<IAsyncDisposable> peers)
    {
        try
        {
            peers.Add(start());
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            Console.Error.WriteLine($"demo: port {port} on 127.0.0.1 is already in use (is another demo still running?)");
            return false;
        }
    }

    /// <summary>
    /// Whether end of input means "stop". Not when stdin is /dev/null: a shell starts background jobs
    /// that way, and such a demo host would stop before anyone could use it.
    /// </summary>
    private static bool WatchesStandardInput()
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        try
        {
            return new FileInfo("/proc/self/fd/0").LinkTarget != "/dev/null";
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task WaitForEndOfInputAsync()
    {
        await using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await input.ReadAsync(buffer) > 0)
        {
            // Input is ignored; only its end matters.
        }
    }

    private static async Task DisposeAllAsync(List<IAsyncDisposable> peers)
    {
        foreach (var peer in peers)
        {
            await peer.DisposeAsync();
        }
    }
}
