using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>tls and udp checks through the published binary (Native AOT: TLS and X.509 must work trimmed).</summary>
public sealed class ProtocolTests
{
    [Fact]
    public async Task Tls_CaGivenByTlsCertsPath_IsOk()
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = TlsPeer.Start(certificates.Leaf);
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", TlsCheck(peer.Port));

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["--tls-certs-path", certificates.WriteCaDirectory(), "checks.yaml"]);

        Assert.Equal([$"tls:localhost:{peer.Port} OK"], result.StdoutLines);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Tls_CaNotGiven_FailsAsNotTrusted()
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = TlsPeer.Start(certificates.Leaf);
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", TlsCheck(peer.Port));

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        var line = Assert.Single(result.StdoutLines);
        Assert.StartsWith($"tls:localhost:{peer.Port} FAILED - (localhost:{peer.Port}) TLS certificate not trusted: ", line);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Udp_ExpectedReply_IsOk()
    {
        await using var peer = UdpPeer.Start(request => request.AsSpan().SequenceEqual("ping"u8) ? "pong"u8.ToArray() : null);
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"""
            - type: udp
              host: 127.0.0.1
              port: {peer.Port}
              send: ping
              expect: pong
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Equal([$"udp:127.0.0.1:{peer.Port} OK"], result.StdoutLines);
        Assert.Equal(0, result.ExitCode);
    }

    private static string TlsCheck(int port) => $"""
        - type: tls
          host: localhost
          port: {port}
        """;
}
