using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConnCheck.Configuration;

namespace ConnCheck.Checks.Tls;

/// <summary>
/// What a check's TLS client says beyond the host it connects to: <c>server_name</c> (the SNI and the
/// name the certificate must hold) and a client certificate for mutual TLS (<c>client_cert</c>,
/// <c>client_key</c>, <c>client_key_passphrase</c>). The certificate is read when the configuration
/// is loaded, so a missing file or a wrong passphrase is a configuration error, not a failed check.
/// </summary>
internal sealed record TlsClientOptions(string? ServerName, SslStreamCertificateContext? ClientCertificate)
{
    public const string ServerNameKey = "server_name";
    public const string ClientCertKey = "client_cert";
    public const string ClientKeyKey = "client_key";
    public const string PassphraseKey = "client_key_passphrase";

    public static TlsClientOptions None { get; } = new(null, null);

    /// <summary>The name the handshake targets: <see cref="ServerName"/>, else the host connected to.</summary>
    public string TargetHost(string host) => ServerName ?? host;

    /// <summary>Reads server_name and, when <paramref name="clientCertificates"/>, the client certificate options.</summary>
    public static TlsClientOptions Parse(OptionReader options, bool clientCertificates)
    {
        var serverName = ParseServerName(options);
        var certificate = clientCertificates ? ParseClientCertificate(options) : null;
        return serverName is null && certificate is null ? None : new TlsClientOptions(serverName, certificate);
    }

    /// <summary>
    /// server_name alone, for the types whose driver takes a different SNI; <paramref name="refusal"/>,
    /// when given, is the error for a type whose driver cannot (its TLS always names the host).
    /// </summary>
    public static string? ParseServerName(OptionReader options, string? refusal = null)
    {
        if (!options.Has(ServerNameKey))
        {
            return null;
        }

        var written = options.String(ServerNameKey);
        if (written is null)
        {
            return null;
        }

        if (refusal is not null)
        {
            options.Error(ServerNameKey, refusal);
            return null;
        }

        var name = written.Trim().TrimEnd('.');
        if (name.Length == 0 || name.Length > 253 || Uri.CheckHostName(name) != UriHostNameType.Dns)
        {
            options.Error(ServerNameKey, $"{ServerNameKey} must be a DNS host name, not {Printable.Quote(written)}");
            return null;
        }

        return name;
    }

    private static SslStreamCertificateContext? ParseClientCertificate(OptionReader options)
    {
        var certPath = options.String(ClientCertKey);
        var keyPath = options.String(ClientKeyKey);
        var passphrase = options.SecretString(PassphraseKey);
        if (certPath is null && keyPath is null)
        {
            if (passphrase is not null)
            {
                options.Error(PassphraseKey, $"{PassphraseKey} needs {ClientCertKey} and {ClientKeyKey}");
            }

            return null;
        }

        if (certPath is null || keyPath is null)
        {
            var (given, missing) = certPath is null ? (ClientKeyKey, ClientCertKey) : (ClientCertKey, ClientKeyKey);
            options.Error(given, $"{given} needs {missing}: a client certificate is a certificate and its private key, two PEM files");
            return null;
        }

        var certText = ReadPem(options, ClientCertKey, certPath);
        var keyText = ReadPem(options, ClientKeyKey, keyPath);
        if (certText is null || keyText is null)
        {
            return null;
        }

        X509Certificate2 leaf;
        try
        {
            leaf = passphrase is { } secret && secret.Reveal().Length > 0
                ? X509Certificate2.CreateFromEncryptedPem(certText, keyText, secret.Reveal())
                : X509Certificate2.CreateFromPem(certText, keyText);
        }
        catch (CryptographicException e)
        {
            options.Error(ClientKeyKey, KeyProblem(keyPath, keyText, passphrase is not null, e));
            return null;
        }
        catch (ArgumentException)
        {
            options.Error(ClientKeyKey, keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
                ? $"{ClientKeyKey} does not fit {ClientCertKey}: it is not the private key of that certificate"
                : $"{ClientKeyKey}: {Printable.Quote(keyPath)} holds no PEM private key");
            return null;
        }

        // Intermediates in the certificate file go with the leaf, as servers expect the whole chain.
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(certText);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
        {
            if (certificate.Thumbprint != leaf.Thumbprint)
            {
                intermediates.Add(certificate);
            }
        }

        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    private static string KeyProblem(string keyPath, string keyText, bool hasPassphrase, CryptographicException e)
    {
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return $"{ClientKeyKey}: {Printable.Quote(keyPath)} holds no PEM private key";
        }

        var encrypted = keyText.Contains("ENCRYPTED", StringComparison.Ordinal);
        return (encrypted, hasPassphrase) switch
        {
            (true, false) => $"{ClientKeyKey} is encrypted: give its passphrase in {PassphraseKey}",
            (true, true) => $"{ClientKeyKey} could not be decrypted with {PassphraseKey} (wrong passphrase?)",
            _ => $"{ClientKeyKey} does not fit {ClientCertKey}, or is not a PEM private key: {e.Message}",
        };
    }

    private static string? ReadPem(OptionReader options, string key, string path)
    {
        var trimmed = path.Trim();
        if (trimmed.Length == 0)
        {
            options.Error(key, $"{key} must be the path of a PEM file");
            return null;
        }

        var resolved = options.ResolvePath(trimmed);
        if (Directory.Exists(resolved))
        {
            options.Error(key, $"{key}: {Printable.Quote(trimmed)} is a directory, not a PEM file");
            return null;
        }

        try
        {
            var info = new FileInfo(resolved);
            if (info.Exists && info.Length > MaxPemBytes)
            {
                options.Error(key, $"{key}: {Printable.Quote(trimmed)} is larger than {MaxPemBytes / 1024} KiB, too large for a PEM certificate or key");
                return null;
            }

            var text = File.ReadAllText(resolved);
            if (!text.Contains("-----BEGIN ", StringComparison.Ordinal))
            {
                options.Error(key, $"{key}: {Printable.Quote(trimmed)} is not a PEM file");
                return null;
            }

            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            options.Error(key, $"{key}: cannot read {Printable.Quote(trimmed)}: {why}");
            return null;
        }
    }

    private const int MaxPemBytes = 1024 * 1024;

    /// <summary>Sets the target host and the client certificate on <paramref name="ssl"/>.</summary>
    public void Apply(SslClientAuthenticationOptions ssl, string host)
    {
        ssl.TargetHost = TargetHost(host);
        if (ClientCertificate is not null)
        {
            ssl.ClientCertificateContext = ClientCertificate;
        }
    }
}
