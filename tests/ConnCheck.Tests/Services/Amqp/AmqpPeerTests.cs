using System.Text;
using ConnCheck.Checks;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Amqp;

/// <summary>Servers that answer, but not as an AMQP 0-9-1 broker does.</summary>
public sealed class AmqpPeerTests
{
    [Fact]
    public async Task Run_ServerOffersAnotherProtocolVersion_SaysWhichItOffers()
    {
        // A broker that does not speak the client's version answers with the header of one it does (here AMQP 0-8).
        await using var peer = GarbagePeer.Start([.. "AMQP"u8, 1, 1, 8, 0]);

        var result = (await CheckHarness.RunAsync(Check(peer.Port)))[^1];

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Equal("the server does not speak AMQP 0-9-1 (it answered with the protocol header AMQP 1 1 8 0)", result.Message);
    }

    [Fact]
    public async Task Run_ServerSpeaksHttp_NoAmqpHandshake()
    {
        await using var peer = GarbagePeer.Start(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));

        var result = (await CheckHarness.RunAsync(Check(peer.Port)))[^1];

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Equal("the server did not start an AMQP 0-9-1 handshake (is this a TLS port? use_tls is false)", result.Message);
    }

    private static string Check(int port) =>
        $"""
        - type: amqp
          host: 127.0.0.1
          port: {port}
          username: someone
          password: secret
          use_tls: false
          timeout: 5
        """;
}
