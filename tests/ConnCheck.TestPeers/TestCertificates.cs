using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConnCheck.TestPeers;

/// <summary>A throw-away certificate authority and a server certificate it signed (directly or through an intermediate), made in memory.</summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly List<string> _directories = [];

    private TestCertificates(X509Certificate2 ca, X509Certificate2? intermediate, X509Certificate2 leaf)
    {
        Ca = ca;
        Intermediate = intermediate;
        Leaf = leaf;
    }

    /// <summary>The root CA certificate (public part only): what a client must trust.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The intermediate CA that signed <see cref="Leaf"/> (public part only), or null when <see cref="Ca"/> signed it.</summary>
    public X509Certificate2? Intermediate { get; }

    /// <summary>The server certificate, with its private key, usable by an <c>SslStream</c> server.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>A leaf valid from yesterday for 30 days for <paramref name="subjectAltNames"/> (DNS names or IP literals).</summary>
    public static TestCertificates Create(params string[] subjectAltNames)
    {
        var now = DateTimeOffset.UtcNow;
        return Create(now.AddDays(-1), now.AddDays(30), subjectAltNames);
    }

    /// <summary>A leaf for <paramref name="subjectAltNames"/> that expired yesterday; its CA is still valid.</summary>
    public static TestCertificates CreateExpired(params string[] subjectAltNames)
    {
        var now = DateTimeOffset.UtcNow;
        return Create(now.AddDays(-30), now.AddDays(-1), subjectAltNames);
    }

    /// <summary>A leaf valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>; the CA is valid for a year around both and now.</summary>
    public static TestCertificates Create(DateTimeOffset notBefore, DateTimeOffset notAfter, params string[] subjectAltNames) =>
        Build(notBefore, notAfter, withIntermediate: false, subjectAltNames);

    /// <summary>
    /// A leaf signed by an intermediate CA (<see cref="Intermediate"/>) that the root <see cref="Ca"/> signed,
    /// as most public servers have: a client trusts it only if the server presents the intermediate.
    /// </summary>
    public static TestCertificates CreateWithIntermediate(params string[] subjectAltNames)
    {
        var now = DateTimeOffset.UtcNow;
        return Build(now.AddDays(-1), now.AddDays(30), withIntermediate: true, subjectAltNames);
    }

    /// <summary>Writes the root CA as <c>ca.pem</c> into a new temporary directory (removed on dispose) and returns its path.</summary>
    public string WriteCaDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("conn-check-ca-").FullName;
        lock (_directories)
        {
            _directories.Add(directory);
        }

        File.WriteAllText(Path.Combine(directory, "ca.pem"), Ca.ExportCertificatePem() + "\n");
        return directory;
    }

    public void Dispose()
    {
        lock (_directories)
        {
            foreach (var directory in _directories)
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }

            _directories.Clear();
        }

        Leaf.Dispose();
        Intermediate?.Dispose();
        Ca.Dispose();
    }

    private static TestCertificates Build(DateTimeOffset notBefore, DateTimeOffset notAfter, bool withIntermediate, string[] subjectAltNames)
    {
        if (subjectAltNames.Length == 0)
        {
            throw new ArgumentException("A server certificate needs at least one name.", nameof(subjectAltNames));
        }

        var now = DateTimeOffset.UtcNow;
        var caNotBefore = Min(notBefore, now).AddDays(-365);
        var caNotAfter = Max(notAfter, now).AddDays(365);
        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        using var root = Authority($"CN=conn-check test CA {suffix}", caNotBefore, caNotAfter, issuer: null);
        using var intermediate = withIntermediate ? Authority($"CN=conn-check test intermediate CA {suffix}", caNotBefore.AddDays(1), caNotAfter.AddDays(-1), root) : null;
        var issuer = intermediate ?? root;

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subjectAltNames[0]}", leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        request.CertificateExtensions.Add(AlternativeNames(subjectAltNames));
        using var issued = request.Create(issuer, notBefore, notAfter, Serial());
        using var issuedWithKey = issued.CopyWithPrivateKey(leafKey);

        // Through PKCS#12: an SslStream server cannot use an ephemeral in-memory key on every platform.
        var leaf = X509CertificateLoader.LoadPkcs12(issuedWithKey.Export(X509ContentType.Pkcs12), null);
        return new TestCertificates(
            X509CertificateLoader.LoadCertificate(root.RawData),
            intermediate is null ? null : X509CertificateLoader.LoadCertificate(intermediate.RawData),
            leaf);
    }

    /// <summary>A CA certificate with its private key: self-signed when <paramref name="issuer"/> is null.</summary>
    private static X509Certificate2 Authority(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, issuer is not null, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var signed = request.Create(issuer, notBefore, notAfter, Serial());
        return signed.CopyWithPrivateKey(key);
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        return serial;
    }

    private static X509Extension AlternativeNames(IEnumerable<string> names)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                builder.AddIpAddress(address);
            }
            else
            {
                builder.AddDnsName(name);
            }
        }

        return builder.Build();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
