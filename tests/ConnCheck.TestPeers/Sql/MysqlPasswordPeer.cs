using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ConnCheck.TestPeers.Sql;

/// <summary>
/// A MySQL server as far as a login goes, and no further: it sends the protocol-10 handshake (offering
/// TLS when it has a certificate), takes the client's answer, then asks it to switch to another
/// authentication method — <c>mysql_clear_password</c> unless told otherwise — and records the reply,
/// which for that method is the password itself. Whatever arrives is accepted.
/// It stands for a man in the middle that wants the password, which a real server cannot be made to play.
/// </summary>
public sealed class MysqlPasswordPeer : IAsyncDisposable
{
    private const uint LongPassword = 0x1;
    private const uint ConnectWithDatabase = 0x8;
    private const uint Protocol41 = 0x200;
    private const uint Ssl = 0x800;
    private const uint Transactions = 0x2000;
    private const uint SecureConnection = 0x8000;
    private const uint PluginAuth = 0x80000;
    private const uint PluginAuthLengthEncodedData = 0x200000;
    private const int SslRequestLength = 32;
    private const byte Utf8Mb4GeneralCi = 45;
    private const byte ComQuit = 0x01;
    private static readonly byte[] Ok = [0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00];
    private static readonly TimeSpan ConnectionLimit = TimeSpan.FromSeconds(10);

    private readonly X509Certificate2? _certificate;
    private readonly string _method;
    private readonly ConcurrentQueue<string> _replies = new();
    private readonly AcceptLoop _loop;
    private int _handshakes;
    private int _switches;

    private MysqlPasswordPeer(X509Certificate2? certificate, string method, IPAddress? address, int port)
    {
        _certificate = certificate;
        _method = method;
        _loop = AcceptLoop.Start(address, port, ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    /// <summary>Every reply to the switch request, as text without its final NUL: for mysql_clear_password, the password.</summary>
    public IReadOnlyList<string> SwitchReplies => [.. _replies];

    /// <summary>How many switch requests it has sent: each login got as far as being asked.</summary>
    public int Switches => Volatile.Read(ref _switches);

    /// <summary>How many TLS handshakes have completed.</summary>
    public int TlsHandshakes => Volatile.Read(ref _handshakes);

    /// <summary>
    /// Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any
    /// free port). With <paramref name="certificate"/> (and its key) it offers TLS. After the client's
    /// handshake response it asks for <paramref name="method"/>.
    /// </summary>
    public static MysqlPasswordPeer Start(X509Certificate2? certificate = null, string method = "mysql_clear_password", IPAddress? address = null, int port = 0) =>
        new(certificate, method, address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectionLimit);
        var token = limit.Token;
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            await WriteAsync(stream, 0, Handshake(), token);
            var (sequence, response) = await ReadAsync(stream, token);
            if (_certificate is not null && response.Length == SslRequestLength && (BitConverter.ToUInt32(response) & Ssl) != 0)
            {
                var tls = new SslStream(stream);
                stream = tls;
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, token);
                Interlocked.Increment(ref _handshakes);
                (sequence, _) = await ReadAsync(stream, token);
            }

            Interlocked.Increment(ref _switches);
            await WriteAsync(stream, sequence + 1, [0xfe, .. Encoding.ASCII.GetBytes(_method + "\0"), .. Scramble()], token);
            (sequence, var reply) = await ReadAsync(stream, token);
            if (sequence == 0)
            {
                // Not a reply: a new command (COM_QUIT), from a client that would not answer.
                return;
            }

            _replies.Enqueue(Encoding.UTF8.GetString(reply.AsSpan().TrimEnd((byte)0)));
            await WriteAsync(stream, sequence + 1, Ok, token);

            // Commands after the login (SET NAMES, then COM_QUIT): each is answered OK.
            while (await ReadAsync(stream, token) is (var command, var payload) && payload is not [ComQuit, ..])
            {
                await WriteAsync(stream, command + 1, Ok, token);
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private byte[] Handshake()
    {
        var capabilities = LongPassword | ConnectWithDatabase | Protocol41 | Transactions | SecureConnection | PluginAuth | PluginAuthLengthEncodedData
            | (_certificate is null ? 0 : Ssl);
        var scramble = Scramble();
        using var payload = new MemoryStream();
        payload.WriteByte(10);
        payload.Write(Encoding.ASCII.GetBytes("8.0.36-conn-check-peer\0"));
        payload.Write(BitConverter.GetBytes(7));
        payload.Write(scramble.AsSpan(0, 8));
        payload.WriteByte(0);
        payload.Write(BitConverter.GetBytes((ushort)capabilities));
        payload.WriteByte(Utf8Mb4GeneralCi);
        payload.Write(BitConverter.GetBytes((ushort)0x0002));
        payload.Write(BitConverter.GetBytes((ushort)(capabilities >> 16)));
        payload.WriteByte(21);
        payload.Write(new byte[10]);
        payload.Write(scramble.AsSpan(8));
        payload.Write(Encoding.ASCII.GetBytes("mysql_native_password\0"));
        return payload.ToArray();
    }

    // 20 random bytes and the NUL that ends them, as servers send the authentication data.
    private static byte[] Scramble() => [.. RandomNumberGenerator.GetBytes(20).Select(b => (byte)(b % 94 + 33)), 0];

    // A packet: a 3-byte little-endian length, a sequence number, the payload.
    private static async Task<(int Sequence, byte[] Payload)> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var payload = new byte[header[0] | header[1] << 8 | header[2] << 16];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return (header[3], payload);
    }

    private static async Task WriteAsync(Stream stream, int sequence, byte[] payload, CancellationToken cancellationToken)
    {
        byte[] packet = [(byte)payload.Length, (byte)(payload.Length >> 8), (byte)(payload.Length >> 16), (byte)sequence, .. payload];
        await stream.WriteAsync(packet, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
