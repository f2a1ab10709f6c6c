using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;
using ConnCheck.TestPeers.Sql;
using ConnCheck.Tests.Checks;
using ConnCheck.Tests.Services.Mysql;
using ConnCheck.Tests.Services.Postgres;
using TempDirectory = ConnCheck.Tests.EndToEnd.TempDirectory;

namespace ConnCheck.Tests.Services.Sql;

/// <summary>
/// A server that asks for the password in cleartext gets it only over TLS whose certificate was
/// verified, or when the check allows it (SPEC C2): loopback peers play the man in the middle.
/// </summary>
public sealed class SqlCleartextTests
{
    private const string Password = "Cleartext-Canary-7f3a";

    private const string Refused = "the server asked for the password in cleartext over a connection whose server is not verified; "
        + "refused (set allow_cleartext_password: true, or sslmode: verify-full)";

    public static TheoryData<string> Types => ["postgres", "mysql"];

    public static TheoryData<string, string> TypesAndModesWithoutTls => new()
    {
        { "postgres", "disable" },
        { "postgres", "prefer" },
        { "mysql", "disable" },
        { "mysql", "prefer" },
    };

    public static TheoryData<string, string> TypesAndUnverifiedTlsModes => new()
    {
        { "postgres", "sslmode: prefer" },
        { "postgres", "sslmode: require" },
        { "mysql", "sslmode: prefer" },
        { "mysql", "sslmode: require" },
        { "mysql", "ssl_mode: REQUIRED" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_DefaultsPeerWithoutTlsAsksForCleartext_PasswordNotSentAuthFails(string type)
    {
        await using var peer = PasswordPeer.Start(type);

        var results = await CheckHarness.RunAsync(Check(peer));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal(Refused, results[1].Message);
        Assert.Equal(1, peer.Asked);
        Assert.Empty(peer.Received);
    }

    [Theory]
    [MemberData(nameof(TypesAndModesWithoutTls))]
    public async Task Run_SslModeWithoutTlsAsksForCleartext_PasswordNotSent(string type, string mode)
    {
        await using var peer = PasswordPeer.Start(type);

        var login = (await CheckHarness.RunAsync(Check(peer, $"sslmode: {mode}")))[1];

        StageAssert.Failed(FailureStage.Auth, login);
        Assert.Equal(0, peer.TlsHandshakes);
        Assert.Empty(peer.Received);
    }

    [Theory]
    [MemberData(nameof(TypesAndUnverifiedTlsModes))]
    public async Task Run_SelfSignedTlsAsksForCleartext_PasswordNotSent(string type, string mode)
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = PasswordPeer.Start(type, certificates.Leaf);

        var login = (await CheckHarness.RunAsync(Check(peer, mode)))[1];

        StageAssert.Failed(FailureStage.Auth, login);
        Assert.Equal(Refused, login.Message);
        Assert.Equal(1, peer.TlsHandshakes);

        // Npgsql, like libpq, tries prefer's failed login once more without TLS: asked again, refused again.
        Assert.InRange(peer.Asked, 1, 2);
        Assert.Empty(peer.Received);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_AllowCleartextPasswordWithoutTls_PasswordSentLoginOk(string type)
    {
        // The same peer as above, told to allow it: the peer does see a password it is sent.
        await using var peer = PasswordPeer.Start(type);

        var results = await CheckHarness.RunAsync(Check(peer, "allow_cleartext_password: true"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal([Password], peer.Received);
    }

    [Theory]
    [MemberData(nameof(TypesAndUnverifiedTlsModes))]
    public async Task Run_AllowCleartextPasswordOverSelfSignedTls_PasswordSent(string type, string mode)
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = PasswordPeer.Start(type, certificates.Leaf);

        var results = await CheckHarness.RunAsync(Check(peer, mode, "allow_cleartext_password: yes"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(1, peer.TlsHandshakes);
        Assert.Equal([Password], peer.Received);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_VerifyFullTrustedCertificate_PasswordSentOverTheVerifiedTls(string type)
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = PasswordPeer.Start(type, certificates.Leaf);

        var results = await CheckHarness.RunAsync(Check(peer, "sslmode: verify-full"), caDirectory: certificates.WriteCaDirectory());

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(1, peer.TlsHandshakes);
        Assert.Equal([Password], peer.Received);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_VerifyFullUntrustedCertificate_TlsFailsBeforeAnyPassword(string type)
    {
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = PasswordPeer.Start(type, certificates.Leaf);
        using var otherCertificates = TestCertificates.Create("localhost");

        var login = (await CheckHarness.RunAsync(Check(peer, "sslmode: verify-full"), caDirectory: otherCertificates.WriteCaDirectory()))[1];

        StageAssert.Failed(FailureStage.Tls, login);
        Assert.Equal(0, peer.Asked);
        Assert.Empty(peer.Received);
    }

    [Fact]
    public async Task Run_PostgresMd5ChallengeWithoutTls_LoginOkPasswordNeverSent()
    {
        // MD5 is a challenge-response: allowed on any connection, and the password stays home.
        await using var peer = PostgresPasswordPeer.Start(md5: true);

        var results = await CheckHarness.RunAsync(Check("postgres", peer.Port));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        var response = Assert.Single(peer.PasswordMessages);
        Assert.StartsWith("md5", response, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MysqlSha256PasswordOverSelfSignedTls_PasswordNotSent()
    {
        // Over TLS, sha256_password sends the password as it is: to an unverified server, refused too.
        using var certificates = TestCertificates.Create("localhost", "127.0.0.1");
        await using var peer = MysqlPasswordPeer.Start(certificates.Leaf, method: "sha256_password");

        var login = (await CheckHarness.RunAsync(Check("mysql", peer.Port, "sslmode: require")))[1];

        StageAssert.Failed(FailureStage.Auth, login);
        Assert.Equal(Refused, login.Message);
        Assert.Equal(1, peer.TlsHandshakes);
        Assert.Empty(peer.SwitchReplies);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_RefusedInEveryFormat_PasswordNowhere(string type)
    {
        await using var peer = PasswordPeer.Start(type);

        var results = await CheckHarness.RunAsync(Check(peer));

        Assert.All(results, r =>
        {
            Assert.DoesNotContain(Password, r.Message ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(Password, r.Error?.ToString() ?? "", StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("postgres", "disable")]
    [InlineData("postgres", "prefer")]
    [InlineData("postgres", "require")]
    [InlineData("postgres", "verify-full")]
    [InlineData("mysql", "disable")]
    [InlineData("mysql", "prefer")]
    [InlineData("mysql", "require")]
    [InlineData("mysql", "verify-full")]
    public async Task Run_RealServerEverySslMode_ChallengeResponseLoginOk(string type, string mode)
    {
        // PostgreSQL's SCRAM-SHA-256 and MariaDB's mysql_native_password never send the password: the
        // refusal leaves them alone, over TLS, verified or not, and without.
        SqlServer server = type == "postgres" ? new PostgresServer() : new MariadbServer();
        using var trusted = new TempDirectory();
        File.Copy(server.TlsCertificate, Path.Combine(trusted.Path, "test-server.pem"));

        var results = await CheckHarness.RunAsync(server.Check(extra: $"sslmode: {mode}"), caDirectory: trusted.Path);

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    private static string Check(PasswordPeer peer, params string[] extra) => Check(peer.Type, peer.Port, extra);

    private static string Check(string type, int port, params string[] extra) =>
        string.Join("\n", [$"- type: {type}", "  host: 127.0.0.1", $"  port: {port}", "  username: app", $"  password: {Password}", "  database: orders", .. extra.Select(line => "  " + line), ""]);
}
