using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

public sealed class TlsCheckTests
{
    private const string NotTrusted = "TLS certificate not trusted: ";

    [Fact]
    public async Task Run_CaTrusted_OkAfterCompleteHandshake()
    {
        using var certificates = TestCertificates.Create("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port), caDirectory: certificates.WriteCaDirectory());

        Assert.Equal($"tls:localhost:{peer.Port}", result.Name);
        Assert.Equal($"localhost:{peer.Port}", result.Info);
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Handshakes == 1, TimeSpan.FromSeconds(5)), $"handshakes {peer.Handshakes}");
    }

    [Fact]
    public async Task Run_HostName_SentAsServerNameIndication()
    {
        using var certificates = TestCertificates.Create("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        await CheckHarness.RunOneAsync(Tls("localhost", peer.Port), caDirectory: certificates.WriteCaDirectory());

        Assert.Equal(["localhost"], peer.ServerNames);
    }

    [Fact]
    public async Task Run_IpAddressInCertificate_Ok()
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("127.0.0.1", peer.Port), caDirectory: certificates.WriteCaDirectory());

        Assert.Equal($"tls:127.0.0.1:{peer.Port}", result.Name);
        Assert.Equal(ResultStatus.Ok, result.Status);

        // RFC 6066: an address is never sent as a server name.
        Assert.Equal([""], peer.ServerNames);
    }

    [Fact]
    public async Task Run_SslAlias_RunsAsTls()
    {
        using var certificates = TestCertificates.Create("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port, type: "ssl"), caDirectory: certificates.WriteCaDirectory());

        Assert.Equal($"tls:localhost:{peer.Port}", result.Name);
        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_NoCaDirectory_NotTrusted()
    {
        using var certificates = TestCertificates.Create("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port));

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith(NotTrusted, result.Message);
        Assert.Contains(certificates.Ca.Subject, result.Message);
    }

    [Fact]
    public async Task Run_CaDirectoryOfAnotherCa_NotTrusted()
    {
        using var certificates = TestCertificates.Create("localhost");
        using var other = TestCertificates.Create("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port), caDirectory: other.WriteCaDirectory());

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith(NotTrusted, result.Message);
    }

    [Fact]
    public async Task Run_ServerPresentsIntermediate_TrustedThroughRootInCaDirectory()
    {
        using var certificates = TestCertificates.CreateWithIntermediate("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf, chain: [certificates.Intermediate!]);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port), caDirectory: certificates.WriteCaDirectory());

        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_ServerOmitsIntermediate_NotTrustedIssuerMissing()
    {
        using var certificates = TestCertificates.CreateWithIntermediate("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port), caDirectory: certificates.WriteCaDirectory());

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.Equal($"{NotTrusted}unable to find the issuer certificate (issuer: {certificates.Intermediate!.Subject})", result.Message);
    }

    [Fact]
    public async Task Run_CertificateForAnotherName_NameMismatch()
    {
        using var certificates = TestCertificates.Create("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("127.0.0.1", peer.Port), caDirectory: certificates.WriteCaDirectory());

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.Equal("TLS certificate name mismatch: the certificate is not valid for 127.0.0.1", result.Message);
    }

    [Fact]
    public async Task Run_ExpiredCertificate_NotTrustedSayingExpired()
    {
        using var certificates = TestCertificates.CreateExpired("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port), caDirectory: certificates.WriteCaDirectory());

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith(NotTrusted, result.Message);
        Assert.Contains("expired", result.Message);
    }

    [Theory]
    [InlineData("untrusted")]
    [InlineData("mismatch")]
    public async Task Run_VerificationDisabled_OkWhateverTheCertificate(string problem)
    {
        using var certificates = TestCertificates.Create("localhost");
        var host = problem == "mismatch" ? "127.0.0.1" : "localhost";
        var caDirectory = problem == "untrusted" ? null : certificates.WriteCaDirectory();
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls(host, peer.Port, "disable_tls_verification: true"), caDirectory: caDirectory);

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Handshakes == 1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Run_VerificationDisabledCertificateExpired_HandshakeWorksButTheExpiryFails()
    {
        // Verification off accepts the certificate, but its expiry is still judged (SPEC C3).
        using var certificates = TestCertificates.CreateExpired("localhost");
        await using var peer = TlsPeer.Start(certificates.Leaf);

        var result = await CheckHarness.RunOneAsync(Tls("localhost", peer.Port, "disable_tls_verification: true"));

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith("TLS certificate expired on ", result.Message, StringComparison.Ordinal);
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.Handshakes == 1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Run_PeerNotSpeakingTls_HandshakeFailed()
    {
        await using var peer = GarbagePeer.Start(Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\n\r\n"));

        var result = await CheckHarness.RunOneAsync(Tls("127.0.0.1", peer.Port, "disable_tls_verification: true"));

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith("TLS handshake failed: ", result.Message);
    }

    [Fact]
    public async Task Run_PeerClosesWithoutAnswer_HandshakeFailed()
    {
        await using var peer = GarbagePeer.Start([]);

        var result = await CheckHarness.RunOneAsync(Tls("127.0.0.1", peer.Port));

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith("TLS handshake failed: ", result.Message);
    }

    [Fact]
    public async Task Run_PeerNeverAnswersClientHello_TimedOut()
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var result = await CheckHarness.RunOneAsync(Tls("127.0.0.1", peer.Port, "timeout: 0.5"));

        StageAssert.Failed(FailureStage.Timeout, result);
        Assert.Equal("timed out after 0.5 s", result.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Run_PortClosed_ConnectionRefused()
    {
        var port = ClosedPort.Tcp();

        var result = await CheckHarness.RunOneAsync(Tls("127.0.0.1", port));

        Assert.Equal($"tls:127.0.0.1:{port}", result.Name);
        StageAssert.Failed(FailureStage.Connect, result);
        Assert.Equal("Connection refused", result.Message);
    }

    [Fact]
    public void TestCertificates_Create_LeafSignedByCaForTheGivenNames()
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");

        Assert.True(certificates.Leaf.HasPrivateKey);
        Assert.Equal(certificates.Ca.Subject, certificates.Leaf.Issuer);
        Assert.True(certificates.Leaf.MatchesHostname("localhost"));
        Assert.True(certificates.Leaf.MatchesHostname("127.0.0.1"));
        Assert.False(certificates.Leaf.MatchesHostname("example.test"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificates.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificates.Leaf));
    }

    [Fact]
    public void TestCertificates_WriteCaDirectory_PemRemovedOnDispose()
    {
        string directory;
        using (var certificates = TestCertificates.Create("localhost"))
        {
            directory = certificates.WriteCaDirectory();
            var pem = new X509Certificate2Collection();
            pem.ImportFromPemFile(Path.Combine(directory, "ca.pem"));
            Assert.Equal(certificates.Ca.Thumbprint, Assert.Single(pem).Thumbprint);
        }

        Assert.False(Directory.Exists(directory));
    }

    private static string Tls(string host, int port, string extra = "", string type = "tls") => $"""
        - type: {type}
          host: {host}
          port: {port}
          {extra}

        """;
}
