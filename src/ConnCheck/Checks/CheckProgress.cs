using System.Security.Cryptography.X509Certificates;

namespace ConnCheck.Checks;

/// <summary>
/// What one check has been doing, written by the code that connects and read by the runner: whether
/// a connect is under way when the timeout fires (then the stage is <see cref="FailureStage.ConnectTimeout"/>),
/// and the server certificates its TLS handshakes saw (C3). Its subchecks run one after another,
/// but TLS callbacks may run on other threads.
/// </summary>
internal sealed class CheckProgress
{
    private readonly Lock _gate = new();
    private readonly List<ServerCertificate> _certificates = [];
    private volatile bool _connecting;

    /// <summary>Whether a TCP connect has started and not yet succeeded.</summary>
    public bool Connecting => _connecting;

    public void ConnectStarted() => _connecting = true;

    public void ConnectEnded() => _connecting = false;

    /// <summary>Records the leaf certificate a TLS handshake was offered, whether or not it was trusted.</summary>
    public void SawCertificate(X509Certificate certificate)
    {
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var seen = new ServerCertificate(leaf.Subject, new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero), leaf.Thumbprint);
        lock (_gate)
        {
            if (!_certificates.Contains(seen))
            {
                _certificates.Add(seen);
            }
        }
    }

    /// <summary>The certificates seen since the last call, soonest to expire first; the runner takes them after each subcheck.</summary>
    public IReadOnlyList<ServerCertificate> TakeCertificates()
    {
        lock (_gate)
        {
            if (_certificates.Count == 0)
            {
                return [];
            }

            var taken = _certificates.OrderBy(c => c.NotAfter).ToArray();
            _certificates.Clear();
            return taken;
        }
    }
}
