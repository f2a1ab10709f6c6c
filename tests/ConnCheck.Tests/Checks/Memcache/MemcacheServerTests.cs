using System.Net;
using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Memcache;

/// <summary>The memcache check against the real memcached of <c>scripts/servers/memcached.sh</c>.</summary>
public sealed class MemcacheServerTests
{
    private readonly MemcacheServer _server = new();

    [Theory]
    [InlineData("memcache")]
    [InlineData("memcached")]
    public async Task Run_Server_TcpThenConnectOk(string type)
    {
        var results = await CheckHarness.RunAsync(Check(_server.Host, _server.Port, type));

        var prefix = $"memcache:127.0.0.1:{_server.Port}:";
        Assert.Collection(
            results,
            tcp =>
            {
                Assert.Equal($"{prefix}tcp:127.0.0.1:{_server.Port}", tcp.Name);
                Assert.Equal($"127.0.0.1:{_server.Port}", tcp.Info);
                Assert.Equal(ResultStatus.Ok, tcp.Status);
            },
            connect =>
            {
                Assert.Equal($"{prefix}connect", connect.Name);
                Assert.Null(connect.Info);
                Assert.Equal(ResultStatus.Ok, connect.Status);
                Assert.Null(connect.Message);
            });
    }

    [Fact]
    public async Task Run_ClosedPort_TcpFailedConnectSkipped()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(Check("127.0.0.1", port));

        Assert.Equal([$"memcache:127.0.0.1:{port}:tcp:127.0.0.1:{port}", $"memcache:127.0.0.1:{port}:connect"], results.Select(r => r.Name));
        Assert.Equal([ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Connect, results[0]);
        Assert.Equal("Connection refused", results[0].Message);
    }

    [Fact]
    public async Task Run_OnlyTheConnectStepToAClosedPort_ConnectionRefused()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(Check("127.0.0.1", port), selection: new Selection(TagFilter.None, new NamePattern(["*:connect"])));

        var connect = Assert.Single(results);
        StageAssert.Failed(FailureStage.Connect, connect);
        Assert.Equal("Connection refused", connect.Message);
    }

    [Fact]
    public async Task Run_NameWithAClosedAddressFirst_EachAddressTriedThroughTheCheckResolver()
    {
        var resolver = new FakeHostResolver(_ => [IPAddress.IPv6Loopback, IPAddress.Loopback]);

        var results = await CheckHarness.RunAsync(Check("cache.test", _server.Port), resolver);

        Assert.Equal([$"memcache:cache.test:{_server.Port}:tcp:cache.test:{_server.Port}", $"memcache:cache.test:{_server.Port}:connect"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    private static string Check(string host, int port, string type = "memcache") =>
        $"""
        - type: {type}
          host: {host}
          port: {port}
        """;
}
