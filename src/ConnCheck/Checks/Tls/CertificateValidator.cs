using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ConnCheck.Checks.Tls;

/// <summary>
/// Verifies a server certificate against the system trust store, then against the CA certificates
/// of --tls-certs-path, and remembers why it refused one so the failure can say so. Every
/// certificate it is shown, verified or not, goes to the check's <see cref="CheckProgress"/> (C3).
/// </summary>
internal sealed class CertificateValidator(string host, bool verify, TlsTrust trust, CheckProgress progress)
{
    /// <summary>Why the certificate was refused, or null.</summary>
    public string? Failure { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not null)
        {
            progress.SawCertificate(certificate);
        }

        if (!verify || errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            Failure = "TLS handshake failed: the server sent no certificate";
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            if (!trust.IsTrusted(leaf, chain, out var reason))
            {
                Failure = $"TLS certificate not trusted: {reason}";
                return false;
            }
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            // The server's name as this handshake targeted it: an HTTPS proxy's handshake shares the validator.
            var target = sender is SslStream { TargetHostName: { Length: > 0 } name } ? name : host;
            Failure = $"TLS certificate name mismatch: the certificate is not valid for {target}";
            return false;
        }

        return true;
    }
}
