using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Redis;

/// <summary>use_tls on the redis check against the TLS port of the real Redis of <c>scripts/servers/redis.sh</c>.</summary>
public sealed class RedisTlsTests
{
    private readonly RedisServer _server = new();

    private string Connect => $"redis:127.0.0.1:{_server.TlsPort}:connect with auth";

    [Fact]
    public async Task Run_UseTlsCaTrusted_ConnectWithAuthOk()
    {
        var results = await RunAsync(_server.CaDirectory, "use_tls: true");

        Assert.All(results, r => Assert.True(r.Status == ResultStatus.Ok, $"{r.Name}: {r.Status} {r.Message}"));
        Assert.Equal(Connect, results[^1].Name);
        _server.AssertPasswordsNotShown(results);
    }

    [Fact]
    public async Task Run_UseTlsCaNotTrusted_FailsAtTls()
    {
        var results = await RunAsync(null, "use_tls: true");

        StageAssert.Failed(FailureStage.Tls, results[^1]);
        Assert.StartsWith("TLS certificate not trusted: ", results[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UseTlsVerificationDisabled_OkWithoutTheCa()
    {
        var results = await RunAsync(null, "use_tls: true", "disable_tls_verification: true");

        Assert.True(results[^1].Status == ResultStatus.Ok, $"{results[^1].Status} {results[^1].Message}");
    }

    [Theory]
    [InlineData("localhost", null)]
    [InlineData("other.example", "TLS certificate name mismatch: the certificate is not valid for other.example")]
    public async Task Run_UseTlsServerName_VerifiedAgainstThatName(string serverName, string? failure)
    {
        var results = await RunAsync(_server.CaDirectory, "use_tls: true", $"server_name: {serverName}");

        if (failure is null)
        {
            Assert.True(results[^1].Status == ResultStatus.Ok, $"{results[^1].Status} {results[^1].Message}");
        }
        else
        {
            StageAssert.Failed(FailureStage.Tls, results[^1]);
            Assert.Equal(failure, results[^1].Message);
        }
    }

    [Fact]
    public async Task Run_UseTlsWrongPassword_FailsAtAuth()
    {
        var results = await CheckHarness.RunAsync(
            _server.Check(port: _server.TlsPort, password: "not-the-redis-password", extra: ["use_tls: true"]), caDirectory: _server.CaDirectory);

        StageAssert.Failed(FailureStage.Auth, results[^1]);
    }

    [Fact]
    public async Task Run_UseTlsOnThePlainPort_TimedOutWithinTheTimeout()
    {
        // Redis takes the ClientHello for the start of a command and waits for the rest: the handshake stalls.
        var results = await CheckHarness.RunAsync(
            _server.Check(password: _server.Password, extra: ["use_tls: true", "timeout: 0.5"]), caDirectory: _server.CaDirectory);

        StageAssert.Failed(FailureStage.Timeout, results[^1]);
        Assert.Equal("timed out after 0.5 s", results[^1].Message);
        // Well under the driver's own 5 s: the check's timeout ended it. The margin is for a loaded test
        // machine, where the result of a timed-out check has waited most of a second for a thread.
        Assert.True(results[^1].Duration < TimeSpan.FromSeconds(2), $"took {results[^1].Duration}");
    }

    private Task<IReadOnlyList<CheckResult>> RunAsync(string? caDirectory, params string[] extra) =>
        CheckHarness.RunAsync(_server.Check(port: _server.TlsPort, password: _server.Password, extra: extra), caDirectory: caDirectory);
}
