using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ConnCheck.Checks.Tcp;

namespace ConnCheck.Checks.Tls;

/// <summary>Opens TLS connections with SNI and host-name verification.</summary>
internal static partial class TlsConnector
{
    /// <summary>
    /// Connects and completes the handshake; <paramref name="verify"/> false accepts any certificate.
    /// <paramref name="tls"/> gives the name to ask for and verify, and a client certificate.
    /// </summary>
    public static Task<SslStream> ConnectAsync(CheckContext context, string host, int port, bool verify, CancellationToken cancellationToken, TlsClientOptions? tls = null) =>
        ConnectAsync(context, host, port, verify, tls ?? TlsClientOptions.None, awaitVerdict: false, cancellationToken);

    /// <summary>
    /// As <see cref="ConnectAsync(CheckContext, string, int, bool, CancellationToken, TlsClientOptions?)"/>; with
    /// <paramref name="awaitVerdict"/>, when a client certificate was sent over TLS 1.3, also waits
    /// (within the check's token) for the server's first records after the handshake, which say
    /// whether it accepted the certificate. The stream is then only good for closing.
    /// </summary>
    public static async Task<SslStream> ConnectAsync(CheckContext context, string host, int port, bool verify, TlsClientOptions tls, bool awaitVerdict, CancellationToken cancellationToken)
    {
        var socket = await TcpConnector.ConnectAsync(context, host, port, cancellationToken);
        return await HandshakeAsync(context, socket, host, verify, tls, awaitVerdict, cancellationToken);
    }

    /// <summary>The handshake over <paramref name="socket"/>, connected to <paramref name="host"/>; the stream owns the socket.</summary>
    public static async Task<SslStream> HandshakeAsync(
        CheckContext context, System.Net.Sockets.Socket socket, string host, bool verify, TlsClientOptions tls, bool awaitVerdict, CancellationToken cancellationToken)
    {
        var watch = new TlsRecordWatch(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true));
        var stream = new SslStream(watch);
        var validator = new CertificateValidator(tls.TargetHost(host), verify, context.TlsTrust, context.Progress);
        try
        {
            var options = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = validator.Validate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
            tls.Apply(options, host);
            await stream.AuthenticateAsClientAsync(options, cancellationToken);
            if (awaitVerdict && stream.SslProtocol == SslProtocols.Tls13 && stream.LocalCertificate is not null)
            {
                await AwaitVerdictAsync(stream, watch, cancellationToken);
            }

            return stream;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await stream.DisposeAsync();
            throw new CheckFailedException(FailureStage.Tls, validator.Failure ?? $"TLS handshake failed: {HandshakeProblem(e)}", e);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    // Under TLS 1.2 the server refuses a client certificate within the handshake; under TLS 1.3 it does so
    // after the client has finished, with an alert in place of its session tickets.
    private static async Task AwaitVerdictAsync(SslStream stream, TlsRecordWatch watch, CancellationToken cancellationToken)
    {
        watch.Arm();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var read = stream.ReadAsync(new byte[1], stop.Token).AsTask();
        if (await Task.WhenAny(read, watch.Taken) == read)
        {
            if (await read == 0)
            {
                throw new CheckFailedException(FailureStage.Tls, "TLS handshake failed: the server closed the connection after the handshake (it may have refused the client certificate)");
            }

            return;
        }

        await stop.CancelAsync();
        try
        {
            await read;
        }
        catch (OperationCanceledException)
        {
            // The read only served to let the server's records in; they were accepted.
        }
    }

    /// <summary>Why a handshake failed, in words (a plain-text server answering a ClientHello, a peer hanging up).</summary>
    internal static string HandshakeProblem(Exception e)
    {
        if (e.InnerException is System.Net.Sockets.SocketException socketError)
        {
            return Net.SocketErrors.Describe(socketError.SocketErrorCode);
        }

        if (Alert(e) is { } alert)
        {
            return $"the server sent the TLS alert \"{alert}\"";
        }

        return e switch
        {
            IOException when e.Message.Contains("EOF", StringComparison.Ordinal) || e.Message.Contains("0 bytes", StringComparison.Ordinal)
                => "the server closed the connection",
            AuthenticationException when e.Message.Contains("frame", StringComparison.OrdinalIgnoreCase)
                => "the server did not answer with TLS",
            _ => (e.InnerException ?? e).Message,
        };
    }

    /// <summary>The TLS alert the server sent, as OpenSSL names it ("certificate required"), if that is what <paramref name="e"/> is about.</summary>
    internal static string? Alert(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            var match = AlertPattern().Match(inner.Message);
            if (match.Success)
            {
                return match.Groups[1].Value.Trim();
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:sslv3|tlsv1[0-9]?) alert ([a-z ]+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AlertPattern();
}
