using System.Diagnostics;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;
using Npgsql;
using TempDirectory = ConnCheck.Tests.EndToEnd.TempDirectory;

namespace ConnCheck.Tests.Services.Postgres;

/// <summary>The postgres check against the real PostgreSQL of <c>scripts/servers/postgres.sh</c> (SCRAM-SHA-256, TLS).</summary>
public sealed class PostgresServerTests
{
    private readonly PostgresServer _server = new();

    [Fact]
    public async Task Run_RightCredentials_TcpThenLoginOk()
    {
        var results = await CheckHarness.RunAsync(_server.Check());

        Assert.Collection(
            results,
            tcp =>
            {
                Assert.Equal($"tcp:127.0.0.1:{_server.Port}", tcp.Name);
                Assert.Equal($"127.0.0.1:{_server.Port}", tcp.Info);
                Assert.Equal(ResultStatus.Ok, tcp.Status);
            },
            login =>
            {
                Assert.Equal($"postgres:127.0.0.1:{_server.Port}", login.Name);
                Assert.Equal($"user {_server.User}", login.Info);
                Assert.Equal(ResultStatus.Ok, login.Status);
                Assert.Null(login.Message);
            });
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData(" PostgreSQL ")]
    public async Task Run_Alias_SameNamesAndOk(string type)
    {
        var results = await CheckHarness.RunAsync(_server.Check(type: $"'{type}'"));

        Assert.Equal([$"tcp:127.0.0.1:{_server.Port}", $"postgres:127.0.0.1:{_server.Port}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_WrongPassword_AuthenticationFailedForUser()
    {
        var results = await CheckHarness.RunAsync(_server.Check(password: "not-the-password"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        var login = results[1];
        StageAssert.Failed(FailureStage.Auth, login);
        Assert.Equal($"authentication failed for user \"{_server.User}\"", login.Message);
    }

    [Fact]
    public async Task Run_UnknownUser_AuthenticationFailedForThatUser()
    {
        // With password authentication the server does not tell a missing role from a wrong password.
        var results = await CheckHarness.RunAsync(_server.Check(user: "no_such_role"));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal("authentication failed for user \"no_such_role\"", results[1].Message);
    }

    [Fact]
    public async Task Run_UnknownDatabase_DatabaseDoesNotExist()
    {
        var results = await CheckHarness.RunAsync(_server.Check(database: "no_such_database"));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal("database \"no_such_database\" does not exist", results[1].Message);
    }

    [Fact]
    public async Task Run_DatabaseWithoutConnectPrivilege_PermissionDenied()
    {
        var results = await CheckHarness.RunAsync(_server.Check(database: _server.ForbiddenDatabase));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal($"permission denied for database \"{_server.ForbiddenDatabase}\"", results[1].Message);
    }

    [Fact]
    public async Task Run_UnixSocketDirectory_OnlyTheLoginNoTcp()
    {
        var results = await CheckHarness.RunAsync(_server.Check(host: _server.SocketDirectory));

        var login = Assert.Single(results);
        Assert.Equal($"postgres:{_server.SocketDirectory}:{_server.Port}", login.Name);
        Assert.Equal($"user {_server.User}", login.Info);
        Assert.Equal(ResultStatus.Ok, login.Status);
    }

    [Fact]
    public async Task Run_UnixSocketWrongPassword_AuthenticationFailed()
    {
        var login = await CheckHarness.RunOneAsync(_server.Check(host: _server.SocketDirectory, password: "not-the-password"));

        StageAssert.Failed(FailureStage.Auth, login);
        Assert.Equal($"authentication failed for user \"{_server.User}\"", login.Message);
    }

    [Fact]
    public async Task Run_UnixSocketDirectoryWithoutServer_NoSuchSocket()
    {
        using var empty = new TempDirectory();

        var login = await CheckHarness.RunOneAsync(_server.Check(host: empty.Path));

        Assert.Equal($"postgres:{empty.Path}:{_server.Port}", login.Name);
        StageAssert.Failed(FailureStage.Connect, login);
        Assert.Equal($"no socket at {empty.Path}/.s.PGSQL.{_server.Port} (is the server running?)", login.Message);
    }

    [Fact]
    public async Task Run_Ipv6Literal_BracketedNamesAndOk()
    {
        var results = await CheckHarness.RunAsync(_server.Check(host: "::1"));

        Assert.Equal([$"tcp:[::1]:{_server.Port}", $"postgres:[::1]:{_server.Port}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_Localhost_Ok()
    {
        var results = await CheckHarness.RunAsync(_server.Check(host: "localhost"));

        Assert.Equal([$"tcp:localhost:{_server.Port}", $"postgres:localhost:{_server.Port}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("prefer")]
    [InlineData("require")]
    [InlineData("REQUIRED")]
    public async Task Run_SslModeTheServerAccepts_Ok(string mode)
    {
        var results = await CheckHarness.RunAsync(_server.Check(extra: $"sslmode: {mode}"));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_VerifyFullSelfSignedNotTrusted_CertificateNotTrusted()
    {
        using var noCertificates = new TempDirectory();

        var results = await CheckHarness.RunAsync(_server.Check(extra: "sslmode: verify-full"), caDirectory: noCertificates.Path);

        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.StartsWith("TLS certificate not trusted: self-signed or unknown root certificate", results[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_VerifyFullCertificateInTlsCertsPath_Ok()
    {
        using var trusted = TrustedDirectory();

        var results = await CheckHarness.RunAsync(_server.Check(extra: "sslmode: verify-full"), caDirectory: trusted.Path);

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Run_VerifyFullHostNotInCertificate_NameMismatch()
    {
        // The certificate names localhost and 127.0.0.1, not ::1.
        using var trusted = TrustedDirectory();

        var results = await CheckHarness.RunAsync(_server.Check(host: "::1", extra: "sslmode: verify-full"), caDirectory: trusted.Path);

        StageAssert.Failed(FailureStage.Tls, results[1]);
        Assert.Equal("TLS certificate name mismatch: the certificate is not valid for ::1", results[1].Message);
    }

    [Fact]
    public async Task Run_ClosedPort_TcpFailedLoginSkipped()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(_server.Check(port: port));

        Assert.Collection(
            results,
            tcp =>
            {
                Assert.Equal($"tcp:127.0.0.1:{port}", tcp.Name);
                StageAssert.Failed(FailureStage.Connect, tcp);
                Assert.Equal("Connection refused", tcp.Message);
            },
            login =>
            {
                Assert.Equal($"postgres:127.0.0.1:{port}", login.Name);
                Assert.Equal(ResultStatus.Skipped, login.Status);
            });
    }

    [Fact]
    public async Task Run_OnlyLoginSelectedPortClosed_ConnectionRefused()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(_server.Check(port: port), selection: new Selection(TagFilter.None, new NamePattern(["postgres:*"])));

        var login = Assert.Single(results);
        StageAssert.Failed(FailureStage.Connect, login);
        Assert.Equal("Connection refused", login.Message);
    }

    [Fact]
    public async Task Run_FailuresOfEveryKind_PasswordNeverShown()
    {
        var port = ClosedPort.Tcp();
        string[] checks =
        [
            _server.Check(user: "no_such_role"),
            _server.Check(database: "no_such_database"),
            _server.Check(database: _server.ForbiddenDatabase),
            _server.Check(port: port),
            _server.Check(host: _server.SocketDirectory, database: "no_such_database"),
            _server.Check(extra: "sslmode: verify-full"),
        ];

        var results = await CheckHarness.RunAsync(string.Concat(checks));

        var failures = results.Where(r => r.Status == ResultStatus.Failed).ToArray();
        Assert.Equal(checks.Length, failures.Length);
        Assert.All(failures, failure =>
        {
            Assert.DoesNotContain(_server.Password, failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(_server.Password, failure.Error?.ToString() ?? "", StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Run_ManyChecksAtOnce_EachARealLogin()
    {
        // Logins in parallel, right and wrong: each gets its own answer.
        var yaml = string.Concat(Enumerable.Range(0, 8).Select(i => _server.Check(password: i % 2 == 0 ? null : $"wrong-{i}")));
        var clock = Stopwatch.StartNew();

        var results = await CheckHarness.RunAsync(yaml);

        var logins = results.Where(r => r.Name.StartsWith("postgres:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, logins.Count(r => r.Status == ResultStatus.Ok));
        Assert.Equal(4, logins.Count(r => r.Status == ResultStatus.Failed));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Run_RightCredentials_NoSessionLeftOnTheServer()
    {
        // Connect, authenticate, close: no pooled connection stays behind on the server.
        var results = await CheckHarness.RunAsync(_server.Check());

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(0, await SessionsLeftAsync());
    }

    private async Task<long> SessionsLeftAsync()
    {
        var builder = new NpgsqlSlimDataSourceBuilder();
        var settings = builder.ConnectionStringBuilder;
        (settings.Host, settings.Port, settings.Username, settings.Password, settings.Database) = (_server.SocketDirectory, _server.Port, _server.User, _server.Password, _server.Database);
        settings.Pooling = false;
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'conn-check'", connection);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            // The server ends a backend a moment after the client has gone.
            var left = (long)(await count.ExecuteScalarAsync())!;
            if (left == 0 || TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(5))
            {
                return left;
            }

            await Task.Delay(20);
        }
    }

    private TempDirectory TrustedDirectory()
    {
        var directory = new TempDirectory();
        File.Copy(_server.TlsCertificate, Path.Combine(directory.Path, "postgres-test-server.pem"));
        return directory;
    }
}
