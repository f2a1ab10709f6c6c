using System.Diagnostics;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Secrets;
using ConnCheck.Services.Mysql;
using ConnCheck.Services.Postgres;
using ConnCheck.Services.Sql;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Services.Sql;

/// <summary>
/// A server that accepts and never answers: the check's own timeout bounds the login, for postgres
/// (Npgsql) and mysql (MySqlConnector) alike.
/// </summary>
public sealed class SqlTimeoutTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    // Should the driver not stop, the test fails here instead of waiting for the driver's own bound.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Types => ["postgres", "mysql"];

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_SilentPeer_LoginTimedOutWithinTheCheckTimeout(string type)
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(type, peer.Port, "timeout: 1"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal($"{type}:127.0.0.1:{peer.Port}", results[1].Name);
        Assert.Equal("timed out after 1 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1) + Slack, $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_SilentPeerWithoutCheckTimeout_ConnectTimeoutBounds(string type)
    {
        await using var peer = SilentPeer.Start();
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(type, peer.Port), options: new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(2) });

        StageAssert.Failed(FailureStage.Timeout, results[1]);
        Assert.Equal("timed out after 2 s", results[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2) + Slack, $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_StalledServer_DriverHangsUpSoonAfterTheTimeout(string type)
    {
        // The runner stops waiting at the timeout; the driver's own timeout, set from the time left,
        // must end its wait too, instead of holding the connection for the driver's default 15 s.
        // Only the login runs: the watcher sees its connection, not the tcp subcheck's.
        await using var server = new HangupWatcher();
        var loginOnly = new Selection(TagFilter.None, new NamePattern([$"{type}:*"]));
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(Check(type, server.Port, "timeout: 0.5"), selection: loginOnly);

        var login = Assert.Single(results);
        StageAssert.Failed(FailureStage.Timeout, login);
        Assert.Equal("timed out after 0.5 s", login.Message);
        var hungUp = await Task.WhenAny(server.HungUp, Task.Delay(TimeSpan.FromSeconds(0.5) + Slack));
        Assert.True(hungUp == server.HungUp, $"still connected after {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task LoginAsync_SilentPeerNoToken_DriverTimeoutFromTheTimeLeft(string type)
    {
        // Straight to the driver, with a token that never fires: only the driver's own timeout, taken
        // from the time the check has left, can end the login.
        await using var peer = SilentPeer.Start();
        var login = new SqlLogin("127.0.0.1", peer.Port, "someone", new Secret("secret"), "db", SqlSslMode.Prefer);
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), TimeProvider.System).ForCheck(TimeSpan.FromSeconds(0.5));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CheckFailedException>(() => Login(type, context, login).WaitAsync(Limit));

        Assert.Equal("timed out", error.Message);
        Assert.Equal(FailureStage.Timeout, error.Stage);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5) + Slack, $"took {clock.Elapsed}");
    }

    private static Task Login(string type, CheckContext context, SqlLogin login) => type == "postgres"
        ? PostgresConnector.LoginAsync(context, login, CancellationToken.None)
        : MysqlConnector.LoginAsync(context, login, CancellationToken.None);

    private static string Check(string type, int port, string? extra = null) =>
        $"""
        - type: {type}
          host: 127.0.0.1
          port: {port}
          username: someone
          password: secret
          database: db
          {extra}
        """;
}
