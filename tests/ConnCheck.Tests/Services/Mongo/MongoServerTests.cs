using System.Net;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers.Mongo;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Mongo;

/// <summary>The mongodb check against <see cref="MongoWirePeer"/>, which speaks the real wire protocol (no MongoDB server can be installed here).</summary>
public sealed class MongoServerTests
{
    private const string Password = "s3cret-mongo";

    private static readonly MongoPeerOptions Secured = new()
    {
        Users = [new MongoPeerUser("alice", Password, "test"), new MongoPeerUser("root", Password, "admin")],
        RequireAuth = true,
        Collections = new Dictionary<string, IReadOnlyList<string>> { ["test"] = ["orders"], ["inventory"] = ["items", "stock"] },
    };

    [Fact]
    public async Task Run_NoAuth_OkAndTheCollectionsOfTestListed()
    {
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { Collections = Secured.Collections });

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5"));

        Assert.Equal([$"mongodb:127.0.0.1:{peer.Port}:tcp:127.0.0.1:{peer.Port}", $"mongodb:127.0.0.1:{peer.Port}:connect"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Contains(new MongoPeerCommand("listCollections", "test", null, "OP_MSG"), peer.Commands);
        Assert.Empty(peer.Logins);
    }

    [Fact]
    public async Task Run_Handshake_LegacyIsMasterOverOpQueryThenOpMsg()
    {
        // What MongoDB.Driver 3.x sends on a new connection: it cannot know yet that the server speaks OP_MSG.
        await using var peer = MongoWirePeer.Start();

        await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5"));

        var commands = peer.Commands;
        Assert.Equal(new MongoPeerCommand("isMaster", "admin", null, "OP_QUERY"), commands[0]);
        Assert.All(commands.Where(c => c.Name != "isMaster"), c => Assert.Equal("OP_MSG", c.OpCode));
    }

    [Fact]
    public async Task Run_OtherDatabase_ListsThatDatabase()
    {
        await using var peer = MongoWirePeer.Start(new MongoPeerOptions { Collections = Secured.Collections });

        var result = (await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5", "database: inventory")))[1];

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal(["inventory"], peer.Commands.Where(c => c.Name == "listCollections").Select(c => c.Database));
    }

    [Fact]
    public async Task Run_RightPassword_OkAuthenticatedWithScramSha256()
    {
        await using var peer = MongoWirePeer.Start(Secured);

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5", "username: alice", $"password: {Password}"));

        Assert.Equal($"mongodb:127.0.0.1:{peer.Port}:connect with auth", results[1].Name);
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal([new MongoPeerLogin("alice", "test", "SCRAM-SHA-256", Succeeded: true)], peer.Logins);
        Assert.Contains(new MongoPeerCommand("listCollections", "test", "alice", "OP_MSG"), peer.Commands);
    }

    [Fact]
    public async Task Run_UserOnlyHasScramSha1_OkWithScramSha1()
    {
        await using var peer = MongoWirePeer.Start(Secured with { Mechanisms = ["SCRAM-SHA-1"] });

        var result = (await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5", "username: alice", $"password: {Password}")))[1];

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal([new MongoPeerLogin("alice", "test", "SCRAM-SHA-1", Succeeded: true)], peer.Logins);
    }

    [Fact]
    public async Task Run_AuthSource_AuthenticatesThereAndListsTheDatabase()
    {
        await using var peer = MongoWirePeer.Start(Secured);

        var result = (await CheckHarness.RunAsync(MongoYaml.Check(
            peer.Port, "timeout: 5", "username: root", $"password: {Password}", "database: inventory", "auth_source: admin")))[1];

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal([new MongoPeerLogin("root", "admin", "SCRAM-SHA-256", Succeeded: true)], peer.Logins);
        Assert.Contains(new MongoPeerCommand("listCollections", "inventory", "root", "OP_MSG"), peer.Commands);
    }

    [Fact]
    public async Task Run_WrongPassword_FailedAuthenticationFailedForTheUser()
    {
        await using var peer = MongoWirePeer.Start(Secured);

        var result = (await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5", "username: alice", "password: not-the-password")))[1];

        StageAssert.Failed(FailureStage.Auth, result);
        Assert.Equal("authentication failed for user \"alice\" in database \"test\"", result.Message);
        Assert.DoesNotContain("not-the-password", result.Error!.ToString(), StringComparison.Ordinal);
        Assert.Equal([new MongoPeerLogin("alice", "test", "SCRAM-SHA-256", Succeeded: false)], peer.Logins);
        Assert.DoesNotContain(peer.Commands, c => c.Name == "listCollections");
    }

    [Fact]
    public async Task Run_UserDefinedInAnotherDatabase_FailedAuthenticationFailed()
    {
        // root is defined in admin: without auth_source the check looks for it in the database it lists.
        await using var peer = MongoWirePeer.Start(Secured);

        var result = (await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5", "username: root", $"password: {Password}")))[1];

        StageAssert.Failed(FailureStage.Auth, result);
        Assert.Equal("authentication failed for user \"root\" in database \"test\"", result.Message);
        Assert.DoesNotContain(Password, result.Error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AuthRequiredNoCredentials_FailedWithTheServersRefusal()
    {
        await using var peer = MongoWirePeer.Start(Secured);

        var result = (await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5")))[1];

        StageAssert.Failed(FailureStage.Auth, result);
        Assert.Equal("listCollections on database \"test\" failed: command listCollections requires authentication (Unauthorized)", result.Message);
    }

    [Fact]
    public async Task Run_UserNotAllowedOnTheDatabase_FailedNotAuthorized()
    {
        await using var peer = MongoWirePeer.Start(Secured with
        {
            Users = [new MongoPeerUser("alice", Password, "test", ReadableDatabases: ["inventory"])],
        });

        var result = (await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5", "username: alice", $"password: {Password}")))[1];

        StageAssert.Failed(FailureStage.Auth, result);
        Assert.Equal("listCollections on database \"test\" failed: not authorized on test (Unauthorized)", result.Message);
    }

    [Fact]
    public async Task Run_MongoAlias_SameNamesAndResult()
    {
        await using var peer = MongoWirePeer.Start();

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5").Replace("type: mongodb", "type: mongo", StringComparison.Ordinal));

        Assert.Equal([$"mongodb:127.0.0.1:{peer.Port}:tcp:127.0.0.1:{peer.Port}", $"mongodb:127.0.0.1:{peer.Port}:connect"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_Ipv6Literal_OkOnIpv6Loopback()
    {
        await using var peer = MongoWirePeer.Start(address: IPAddress.IPv6Loopback);

        var results = await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5").Replace("host: 127.0.0.1", "host: '::1'", StringComparison.Ordinal));

        Assert.Equal([$"mongodb:[::1]:{peer.Port}:tcp:[::1]:{peer.Port}", $"mongodb:[::1]:{peer.Port}:connect"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Contains(peer.Commands, c => c.Name == "listCollections");
    }

    [Fact]
    public async Task Run_Done_TheDriverClosesEveryConnection()
    {
        // The client's monitor holds a connection of its own: disposing the client must close it too.
        await using var peer = MongoWirePeer.Start(Secured);

        await CheckHarness.RunAsync(MongoYaml.Check(peer.Port, "timeout: 5", "username: alice", $"password: {Password}"));

        Assert.True(peer.Connections >= 2, $"{peer.Connections} connections");
        Assert.True(await CheckHarness.EventuallyAsync(() => peer.OpenConnections == 0, TimeSpan.FromSeconds(2)), $"{peer.OpenConnections} still open");
    }
}
