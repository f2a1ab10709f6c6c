using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ConnCheck.Checks.Tcp;

namespace ConnCheck.Checks.Tls;

/// <summary>Opens TLS connections with SNI and host-name verification.</summary>
internal static class TlsConnector
{
    /// <summary>Connects and completes the handshake; <paramref name="verify"/> false accepts any certificate.</summary>
    public static async Task<SslStream> ConnectAsync(CheckContext context, string host, int port, bool verify, CancellationToken cancellationToken)
    {
        var socket = await TcpConnector.ConnectAsync(context, host, port, cancellationToken);
        var stream = new SslStream(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true));
        var validator = new CertificateValidator(host, verify, context.TlsTrust, context.Progress);
        try
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = validator.Validate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
            await stream.AuthenticateAsClientAsync(options, cancellationToken);
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

    /// <summary>Why a handshake failed, in words (a plain-text server answering a ClientHello, a peer hanging up).</summary>
    internal static string HandshakeProblem(Exception e)
    {
        if (e.InnerException is System.Net.Sockets.SocketException socketError)
        {
            return Net.SocketErrors.Describe(socketError.SocketErrorCode);
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
}
