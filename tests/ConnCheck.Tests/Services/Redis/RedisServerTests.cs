using System.Net;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Redis;

/// <summary>The redis check against the real Redis instances of <c>scripts/servers/redis.sh</c>.</summary>
public sealed class RedisServerTests
{
    private readonly RedisServer _server = new();

    [Fact]
    public async Task Run_NoPasswordServerNoPassword_TcpThenPingOk()
    {
        var results = await CheckHarness.RunAsync(_server.Check(port: _server.OpenPort));

        var prefix = $"redis:127.0.0.1:{_server.OpenPort}:";
        Assert.Collection(
            results,
            tcp =>
            {
                Assert.Equal($"{prefix}tcp:127.0.0.1:{_server.OpenPort}", tcp.Name);
                Assert.Equal($"127.0.0.1:{_server.OpenPort}", tcp.Info);
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
    public async Task Run_RightPassword_ConnectWithAuthOk()
    {
        var results = await CheckHarness.RunAsync(_server.Check(password: _server.Password));

        Assert.Equal(
            [$"redis:127.0.0.1:{_server.Port}:tcp:127.0.0.1:{_server.Port}", $"redis:127.0.0.1:{_server.Port}:connect with auth"],
            results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_WrongPassword_AuthenticationFailed()
    {
        const string wrong = "not-the-redis-password";

        var results = await CheckHarness.RunAsync(_server.Check(password: wrong));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        Assert.Equal($"redis:127.0.0.1:{_server.Port}:connect with auth", results[1].Name);
        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal("authentication failed for user \"default\": wrong password", results[1].Message);
        Assert.All(results, r => Assert.DoesNotContain(wrong, $"{r.Message} {r.Error}", StringComparison.Ordinal));
        _server.AssertPasswordsNotShown(results);
    }

    [Fact]
    public async Task Run_PasswordRequiredButNotGiven_ServerRequiresAPassword()
    {
        var results = await CheckHarness.RunAsync(_server.Check());

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        Assert.Equal($"redis:127.0.0.1:{_server.Port}:connect", results[1].Name);
        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal("the server requires a password, but none was given", results[1].Message);
    }

    [Fact]
    public async Task Run_PasswordGivenToServerWithoutOne_FailedSinceThePasswordProvesNothing()
    {
        var results = await CheckHarness.RunAsync(_server.Check(port: _server.OpenPort, password: "some-redis-password"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal("the server has no password set, but a password was given", results[1].Message);
        Assert.DoesNotContain("some-redis-password", $"{results[1].Message} {results[1].Error}", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AclUserRightPassword_Ok()
    {
        var results = await CheckHarness.RunAsync(_server.Check(password: _server.AclPassword, username: _server.AclUser));

        Assert.Equal($"redis:127.0.0.1:{_server.Port}:connect with auth", results[1].Name);
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_AclUserWrongPassword_AuthenticationFailedForThatUser()
    {
        var results = await CheckHarness.RunAsync(_server.Check(password: "not-the-acl-password", username: _server.AclUser));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal(
            $"authentication failed for user \"{_server.AclUser}\": wrong password, or no such user, or the user is disabled",
            results[1].Message);
        _server.AssertPasswordsNotShown(results);
    }

    [Fact]
    public async Task Run_AclUserWithTheDefaultUsersPassword_AuthenticationFailed()
    {
        // The password is right for another user: the name must travel with it.
        var results = await CheckHarness.RunAsync(_server.Check(password: _server.Password, username: _server.AclUser));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.StartsWith($"authentication failed for user \"{_server.AclUser}\"", results[1].Message, StringComparison.Ordinal);
        _server.AssertPasswordsNotShown(results);
    }

    [Fact]
    public async Task Run_UnknownUser_AuthenticationFailedForThatUser()
    {
        var results = await CheckHarness.RunAsync(_server.Check(password: _server.AclPassword, username: "nobody-here"));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.StartsWith("authentication failed for user \"nobody-here\"", results[1].Message, StringComparison.Ordinal);
        _server.AssertPasswordsNotShown(results);
    }

    [Fact]
    public async Task Run_ClosedPort_TcpFailedConnectSkipped()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(_server.Check(port: port, password: _server.Password));

        Assert.Equal([$"redis:127.0.0.1:{port}:tcp:127.0.0.1:{port}", $"redis:127.0.0.1:{port}:connect with auth"], results.Select(r => r.Name));
        Assert.Equal([ResultStatus.Failed, ResultStatus.Skipped], results.Select(r => r.Status));
        StageAssert.Failed(FailureStage.Connect, results[0]);
        Assert.Equal("Connection refused", results[0].Message);
        _server.AssertPasswordsNotShown(results);
    }

    [Fact]
    public async Task Run_OnlyTheConnectStepToAClosedPort_ConnectionRefused()
    {
        // A pattern can leave the tcp step out; the connect step then says why it could not connect.
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(_server.Check(port: port), selection: new Selection(TagFilter.None, new NamePattern(["*:connect"])));

        var connect = Assert.Single(results);
        Assert.Equal($"redis:127.0.0.1:{port}:connect", connect.Name);
        StageAssert.Failed(FailureStage.Connect, connect);
        Assert.Equal("Connection refused", connect.Message);
    }

    [Fact]
    public async Task Run_NameWithAClosedAddressFirst_EachAddressTriedThroughTheCheckResolver()
    {
        // The driver never looks the name up itself: ::1 refuses (Redis listens on 127.0.0.1 only), then 127.0.0.1 answers.
        // The connect step alone, so that the driver's connection is its own, not the one the tcp step hands over.
        var resolver = new FakeHostResolver(_ => [IPAddress.IPv6Loopback, IPAddress.Loopback]);
        var yaml = _server.Check(password: _server.Password).Replace($"host: {_server.Host}", "host: cache.test", StringComparison.Ordinal);

        var results = await CheckHarness.RunAsync(yaml, resolver, selection: new Selection(TagFilter.None, new NamePattern(["*:connect with auth"])));

        var connect = Assert.Single(results);
        Assert.Equal($"redis:cache.test:{_server.Port}:connect with auth", connect.Name);
        Assert.Equal(ResultStatus.Ok, connect.Status);
        Assert.Equal(["cache.test"], resolver.Asked);
    }
}
