using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnCheck.Checks.Tls;

/// <summary>
/// The CA certificates of --tls-certs-path, trusted on top of the system store. They are read only
/// when a certificate fails the system check, once per run, so a run that needs none pays nothing.
/// </summary>
internal sealed class TlsTrust(string? certificatesDirectory)
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly Lazy<X509Certificate2Collection> _roots = new(() => LoadDirectory(certificatesDirectory));

    /// <summary>The CA certificates found in the directory (duplicates, dead links and unreadable files ignored).</summary>
    public X509Certificate2Collection Roots => _roots.Value;

    /// <summary>Whether <paramref name="leaf"/> chains to one of <see cref="Roots"/>; otherwise why not.</summary>
    public bool IsTrusted(X509Certificate2 leaf, X509Chain? presented, out string reason)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (Roots.Count > 0 && chain.Build(leaf))
        {
            reason = "";
            return true;
        }

        var status = Roots.Count > 0 ? chain.ChainStatus : presented?.ChainStatus ?? [];
        reason = Describe(status, leaf);
        return false;
    }

    private static string Describe(X509ChainStatus[] status, X509Certificate2 leaf)
    {
        var flags = status.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var what = flags switch
        {
            _ when flags.HasFlag(X509ChainStatusFlags.NotTimeValid) => "the certificate has expired or is not yet valid",
            _ when flags.HasFlag(X509ChainStatusFlags.PartialChain) => "unable to find the issuer certificate",
            _ when flags.HasFlag(X509ChainStatusFlags.UntrustedRoot) => "self-signed or unknown root certificate",
            _ when flags.HasFlag(X509ChainStatusFlags.NotValidForUsage) => "the certificate is not valid for server authentication",
            _ when flags.HasFlag(X509ChainStatusFlags.NotSignatureValid) => "bad certificate signature",
            _ => status.Select(s => s.StatusInformation.Trim()).FirstOrDefault(s => s.Length > 0) ?? "chain validation failed",
        };
        return $"{what} (issuer: {leaf.Issuer})";
    }

    private static X509Certificate2Collection LoadDirectory(string? directory)
    {
        var roots = new X509Certificate2Collection();
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return roots;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.pem"))
        {
            var certificates = new X509Certificate2Collection();
            try
            {
                certificates.ImportFromPemFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                // Dead symbolic links and files that hold no certificate are skipped, as in 1.x.
                continue;
            }

            foreach (var certificate in certificates)
            {
                if (seen.Add(certificate.Thumbprint))
                {
                    roots.Add(certificate);
                }
            }
        }

        return roots;
    }
}
