using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Checks;

/// <summary>client_cert, client_key and client_key_passphrase as the loader reads them: files read at load time, errors at their positions.</summary>
public sealed class TlsClientOptionsTests : IDisposable
{
    private const string Passphrase = "pass-phrase-for-the-test-key";
    private readonly TempDirectory _directory = new();

    public TlsClientOptionsTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=conn-check test client", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        _directory.Write("client.pem", certificate.ExportCertificatePem());
        _directory.Write("client.key", key.ExportPkcs8PrivateKeyPem());
        _directory.Write("client-encrypted.key", key.ExportEncryptedPkcs8PrivateKeyPem(
            Passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _directory.Write("other.key", other.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Load_EncryptedKeyWithPassphrase_CertificateLoadedNoWarningAndPassphraseSecret()
    {
        var loaded = Load($"  server_name: api.example\n  client_cert: client.pem\n  client_key: client-encrypted.key\n  client_key_passphrase: '{Passphrase}'\n");

        var check = Assert.IsType<TlsCheck>(Assert.Single(loaded.Checks));
        Assert.Equal("api.example", check.Tls.ServerName);
        Assert.Equal("CN=conn-check test client", check.Tls.ClientCertificate?.TargetCertificate.Subject);
        Assert.Empty(loaded.Warnings);
        Assert.Contains(Passphrase, loaded.Secrets);
    }

    [Theory]
    [InlineData("client-encrypted.key", "", "client_key is encrypted: give its passphrase in client_key_passphrase")]
    [InlineData("client-encrypted.key", "  client_key_passphrase: not-the-passphrase\n", "client_key could not be decrypted with client_key_passphrase (wrong passphrase?)")]
    [InlineData("other.key", "", "client_key does not fit client_cert: it is not the private key of that certificate")]
    [InlineData("client.pem", "", "client_key: 'client.pem' holds no PEM private key")]
    public void Load_KeyThatCannotBeUsed_ErrorAtClientKey(string key, string passphrase, string problem)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load($"  client_cert: client.pem\n  client_key: {key}\n{passphrase}"));

        Assert.StartsWith($"{Path.Combine(_directory.Path, "checks.yaml")}:5:15: {problem}", Assert.Single(error.Errors).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-passphrase", error.Message, StringComparison.Ordinal);
    }

    private LoadedConfiguration Load(string options)
    {
        var path = Path.Combine(_directory.Path, _directory.Write("checks.yaml", $"- type: tls\n  host: 192.0.2.10\n  port: 443\n{options}"));
        return ConfigurationLoader.LoadFile(path);
    }
}
