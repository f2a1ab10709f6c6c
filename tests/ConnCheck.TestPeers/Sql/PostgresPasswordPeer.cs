using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ConnCheck.TestPeers.Sql;

/// <summary>
/// A PostgreSQL server as far as a login goes, and no further: it answers an SSLRequest with 'N', or
/// with 'S' and a TLS handshake when it has a certificate; asks for the password in cleartext (or
/// MD5-hashed); records every PasswordMessage that arrives; and accepts whatever it is sent.
/// It stands for a man in the middle that wants the password, which a real server cannot be made to play.
/// </summary>
public sealed class PostgresPasswordPeer : IAsyncDisposable
{
    private const int SslRequestCode = 80877103;
    private const int GssEncryptionRequestCode = 80877104;
    private const int ProtocolMajor3 = 3;
    private const int AuthenticationOk = 0;
    private const int AuthenticationCleartextPassword = 3;
    private const int AuthenticationMd5Password = 5;
    private static readonly TimeSpan ConnectionLimit = TimeSpan.FromSeconds(10);

    private readonly X509Certificate2? _certificate;
    private readonly bool _md5;
    private readonly ConcurrentQueue<string> _passwordMessages = new();
    private readonly AcceptLoop _loop;
    private int _handshakes;
    private int _startups;

    private PostgresPasswordPeer(X509Certificate2? certificate, bool md5, IPAddress? address, int port)
    {
        _certificate = certificate;
        _md5 = md5;
        _loop = AcceptLoop.Start(address, port, ServeAsync);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => _loop.EndPoint.Port;

    /// <summary>The content of every PasswordMessage received, in order: a cleartext password, or <c>md5…</c>.</summary>
    public IReadOnlyList<string> PasswordMessages => [.. _passwordMessages];

    /// <summary>How many TLS handshakes have completed.</summary>
    public int TlsHandshakes => Volatile.Read(ref _handshakes);

    /// <summary>How many startup messages arrived: each one was answered with a request for the password.</summary>
    public int Startups => Volatile.Read(ref _startups);

    /// <summary>
    /// Listens on <paramref name="address"/> (default 127.0.0.1) and <paramref name="port"/> (default: any
    /// free port). With <paramref name="certificate"/> (and its key) it accepts TLS; without, it declines it.
    /// It asks for the password in cleartext, or with <paramref name="md5"/> as an MD5 challenge.
    /// </summary>
    public static PostgresPasswordPeer Start(X509Certificate2? certificate = null, bool md5 = false, IPAddress? address = null, int port = 0) =>
        new(certificate, md5, address, port);

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ConnectionLimit);
        var token = limit.Token;
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            while (true)
            {
                var startup = await ReadStartupAsync(stream, token);
                var code = BinaryPrimitives.ReadInt32BigEndian(startup);
                if (code == SslRequestCode && _certificate is not null)
                {
                    await stream.WriteAsync("S"u8.ToArray(), token);
                    var tls = new SslStream(stream);
                    stream = tls;
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, token);
                    Interlocked.Increment(ref _handshakes);
                }
                else if (code is SslRequestCode or GssEncryptionRequestCode)
                {
                    await stream.WriteAsync("N"u8.ToArray(), token);
                }
                else if (code >> 16 == ProtocolMajor3)
                {
                    break;
                }
                else
                {
                    return;
                }
            }

            Interlocked.Increment(ref _startups);
            await WriteAsync(stream, 'R', _md5 ? [.. Int32(AuthenticationMd5Password), 1, 2, 3, 4] : Int32(AuthenticationCleartextPassword), token);
            var (type, body) = await ReadMessageAsync(stream, token);
            if (type != 'p')
            {
                return;
            }

            _passwordMessages.Enqueue(Encoding.UTF8.GetString(body.AsSpan().TrimEnd((byte)0)));

            // Any password will do: the peer only records what it was given.
            await WriteAsync(stream, 'R', Int32(AuthenticationOk), token);
            foreach (var (name, value) in new[] { ("server_version", "16.0"), ("server_encoding", "UTF8"), ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY"), ("integer_datetimes", "on"), ("standard_conforming_strings", "on"), ("TimeZone", "UTC") })
            {
                await WriteAsync(stream, 'S', Encoding.UTF8.GetBytes($"{name}\0{value}\0"), token);
            }

            await WriteAsync(stream, 'K', [.. Int32(4242), .. Int32(2424)], token);
            await WriteAsync(stream, 'Z', "I"u8.ToArray(), token);
            while (await ReadMessageAsync(stream, token) is { Type: not 'X' })
            {
                // Anything after the login (there should be nothing but Terminate) goes unanswered.
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    // A startup-phase message: a length including itself, then the code and its parameters, no type byte.
    private static async Task<byte[]> ReadStartupAsync(Stream stream, CancellationToken cancellationToken)
    {
        var length = new byte[4];
        await stream.ReadExactlyAsync(length, cancellationToken);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(length) - 4];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    private static async Task<(char Type, byte[] Body)> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return ((char)header[0], body);
    }

    private static async Task WriteAsync(Stream stream, char type, byte[] body, CancellationToken cancellationToken)
    {
        var message = new byte[5 + body.Length];
        message[0] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + body.Length);
        body.CopyTo(message, 5);
        await stream.WriteAsync(message, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
