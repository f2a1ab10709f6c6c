using System.Diagnostics;
using System.Net;
using System.Text;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks;

public sealed class UdpCheckTests
{
    [Fact]
    public async Task Run_ReplyEqualsExpect_Ok()
    {
        await using var peer = UdpPeer.Start(Ping);

        var result = await CheckHarness.RunOneAsync(Udp("127.0.0.1", peer.Port, "ping", "pong"));

        Assert.Equal($"udp:127.0.0.1:{peer.Port}", result.Name);
        Assert.Equal($"127.0.0.1:{peer.Port}", result.Info);
        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_WrongReply_UnexpectedReplyQuotingBoth()
    {
        await using var peer = UdpPeer.Start(Ping);

        var result = await CheckHarness.RunOneAsync(Udp("127.0.0.1", peer.Port, "hello", "pong"));

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Equal("Unexpected reply: \"what?\" (expected \"pong\")", result.Message);
    }

    [Fact]
    public async Task Run_LongReply_ShortenedInMessage()
    {
        await using var peer = UdpPeer.Start(_ => Encoding.ASCII.GetBytes(new string('a', 1000)));

        var result = await CheckHarness.RunOneAsync(Udp("127.0.0.1", peer.Port, "ping", "pong"));

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Equal($"Unexpected reply: \"{new string('a', 48)}\"... (1000 bytes) (expected \"pong\")", result.Message);
    }

    [Fact]
    public async Task Run_NoReply_TimedOut()
    {
        await using var peer = UdpPeer.Start(_ => null);
        var clock = Stopwatch.StartNew();

        var result = await CheckHarness.RunOneAsync(Udp("127.0.0.1", peer.Port, "ping", "pong", "timeout: 0.5"));

        StageAssert.Failed(FailureStage.Timeout, result);
        Assert.Equal("timed out after 0.5 s", result.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Run_PortClosed_ConnectionRefused()
    {
        var port = ClosedPort.Udp();

        var result = await CheckHarness.RunOneAsync(Udp("127.0.0.1", port, "ping", "pong", "timeout: 5"));

        StageAssert.Failed(FailureStage.Connect, result);
        Assert.Equal("Connection refused", result.Message);
    }

    [Fact]
    public async Task Run_NameDoesNotResolve_FailedAtResolve()
    {
        // A datagram has no handshake: a dropped one looks like a silent server (timeout); only the lookup fails first.
        var result = await CheckHarness.RunOneAsync(Udp("nothing.invalid", 8125, "ping", "pong", "timeout: 5"));

        StageAssert.Failed(FailureStage.Resolve, result);
        Assert.StartsWith("DNS resolution failed for nothing.invalid: ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Ipv6_OkWithBracketedName()
    {
        await using var peer = UdpPeer.Start(Ping, IPAddress.IPv6Loopback);

        var result = await CheckHarness.RunOneAsync(Udp("\"::1\"", peer.Port, "ping", "pong"));

        Assert.Equal($"udp:[::1]:{peer.Port}", result.Name);
        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_FirstAddressClosedSecondAnswers_Ok()
    {
        await using var peer = UdpPeer.Start(Ping);
        var resolver = new FakeHostResolver(_ => [IPAddress.IPv6Loopback, IPAddress.Loopback]);

        var result = await CheckHarness.RunOneAsync(Udp("statsd.test", peer.Port, "ping", "pong"), resolver);

        Assert.Equal($"udp:statsd.test:{peer.Port}", result.Name);
        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_EmptyExpectAndEmptyReply_Ok()
    {
        byte[]? received = null;
        await using var peer = UdpPeer.Start(datagram =>
        {
            received = datagram;
            return [];
        });

        var result = await CheckHarness.RunOneAsync(Udp("127.0.0.1", peer.Port, "conncheck.test:1|c", "\"\""));

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal("conncheck.test:1|c", Encoding.UTF8.GetString(received!));
    }

    [Fact]
    public async Task Run_EmptyExpectButNonEmptyReply_UnexpectedReply()
    {
        await using var peer = UdpPeer.Start(Ping);

        var result = await CheckHarness.RunOneAsync(Udp("127.0.0.1", peer.Port, "ping", "\"\""));

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Equal("Unexpected reply: \"pong\" (expected \"\")", result.Message);
    }

    private static byte[] Ping(byte[] datagram) =>
        Encoding.ASCII.GetBytes(datagram.AsSpan().SequenceEqual("ping"u8) ? "pong" : "what?");

    private static string Udp(string host, int port, string send, string expect, string extra = "") => $"""
        - type: udp
          host: {host}
          port: {port}
          send: {send}
          expect: {expect}
          {extra}

        """;
}
