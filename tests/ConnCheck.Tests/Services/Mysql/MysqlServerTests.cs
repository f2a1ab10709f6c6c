using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Tests.Checks;
using MySqlConnector;
using TempDirectory = ConnCheck.Tests.EndToEnd.TempDirectory;

namespace ConnCheck.Tests.Services.Mysql;

/// <summary>The mysql check against the real MariaDB of <c>scripts/servers/mariadb.sh</c>.</summary>
public sealed class MysqlServerTests
{
    private readonly MariadbServer _server = new();

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
                Assert.Equal($"mysql:127.0.0.1:{_server.Port}", login.Name);
                Assert.Equal($"user {_server.User}", login.Info);
                Assert.Equal(ResultStatus.Ok, login.Status);
                Assert.Null(login.Message);
            });
    }

    [Fact]
    public async Task Run_WrongPassword_AccessDeniedForUser()
    {
        var results = await CheckHarness.RunAsync(_server.Check(password: "not-the-password"));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal($"Access denied for user '{_server.User}'@'127.0.0.1' (using password: YES)", results[1].Message);
    }

    [Fact]
    public async Task Run_UnknownUser_AccessDeniedForThatUser()
    {
        var results = await CheckHarness.RunAsync(_server.Check(user: "no_such_user"));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.StartsWith("Access denied for user 'no_such_user'@", results[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownDatabaseTheUserMayUse_UnknownDatabase()
    {
        var results = await CheckHarness.RunAsync(_server.Check(database: _server.MissingDatabase));

        StageAssert.Failed(FailureStage.Protocol, results[1]);
        Assert.Equal($"Unknown database '{_server.MissingDatabase}'", results[1].Message);
    }

    [Fact]
    public async Task Run_UnknownDatabaseTheUserMayNotUse_AccessDeniedToDatabase()
    {
        // The server tells only those who may use a database that it does not exist.
        var results = await CheckHarness.RunAsync(_server.Check(database: "no_such_database"));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal($"Access denied for user '{_server.User}'@'%' to database 'no_such_database'", results[1].Message);
    }

    [Fact]
    public async Task Run_DatabaseWithoutPrivilege_AccessDeniedToDatabase()
    {
        var results = await CheckHarness.RunAsync(_server.Check(database: _server.ForbiddenDatabase));

        StageAssert.Failed(FailureStage.Auth, results[1]);
        Assert.Equal($"Access denied for user '{_server.User}'@'%' to database '{_server.ForbiddenDatabase}'", results[1].Message);
    }

    [Fact]
    public async Task Run_UnixSocket_OnlyTheLoginNoTcp()
    {
        var results = await CheckHarness.RunAsync(_server.Check(host: _server.Socket));

        var login = Assert.Single(results);
        Assert.Equal($"mysql:{_server.Socket}:{_server.Port}", login.Name);
        Assert.Equal($"user {_server.User}", login.Info);
        Assert.Equal(ResultStatus.Ok, login.Status);
    }

    [Fact]
    public async Task Run_UnixSocketWrongPassword_AccessDenied()
    {
        var login = await CheckHarness.RunOneAsync(_server.Check(host: _server.Socket, password: "not-the-password"));

        StageAssert.Failed(FailureStage.Auth, login);
        Assert.Equal($"Access denied for user '{_server.User}'@'localhost' (using password: YES)", login.Message);
    }

    [Fact]
    public async Task Run_UnixSocketPortOmitted_NamedWithTheDefaultPort()
    {
        var yaml = _server.Check(host: _server.Socket).Replace($"  port: {_server.Port}\n", "", StringComparison.Ordinal);

        var login = await CheckHarness.RunOneAsync(yaml);

        Assert.Equal($"mysql:{_server.Socket}:3306", login.Name);
        Assert.Equal(ResultStatus.Ok, login.Status);
    }

    [Fact]
    public async Task Run_UnixSocketMissing_NoSuchSocket()
    {
        using var empty = new TempDirectory();
        var socket = Path.Combine(empty.Path, "mysqld.sock");

        var login = await CheckHarness.RunOneAsync(_server.Check(host: socket));

        StageAssert.Failed(FailureStage.Connect, login);
        Assert.Equal($"no socket at {socket} (is the server running?)", login.Message);
    }

    [Fact]
    public async Task Run_Localhost_Ok()
    {
        var results = await CheckHarness.RunAsync(_server.Check(host: "localhost"));

        Assert.Equal([$"tcp:localhost:{_server.Port}", $"mysql:localhost:{_server.Port}"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("prefer")]
    [InlineData("require")]
    [InlineData("PREFERRED")]
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
        using var trusted = new TempDirectory();
        File.Copy(_server.TlsCertificate, Path.Combine(trusted.Path, "mariadb-test-server.pem"));

        var results = await CheckHarness.RunAsync(_server.Check(extra: "sslmode: verify-full"), caDirectory: trusted.Path);

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
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
                Assert.Equal($"mysql:127.0.0.1:{port}", login.Name);
                Assert.Equal(ResultStatus.Skipped, login.Status);
            });
    }

    [Fact]
    public async Task Run_OnlyLoginSelectedPortClosed_ConnectionRefused()
    {
        var port = ClosedPort.Tcp();

        var results = await CheckHarness.RunAsync(_server.Check(port: port), selection: new Selection(TagFilter.None, new NamePattern(["mysql:*"])));

        // MySqlConnector does not say why it could not connect; the tcp subcheck, when it runs, does.
        var login = Assert.Single(results);
        StageAssert.Failed(FailureStage.Connect, login);
        Assert.Equal($"cannot connect to 127.0.0.1:{port} (connection refused, unreachable or unknown host)", login.Message);
    }

    [Fact]
    public async Task Run_FailuresOfEveryKind_PasswordNeverShown()
    {
        var port = ClosedPort.Tcp();
        string[] checks =
        [
            _server.Check(user: "no_such_user"),
            _server.Check(database: _server.MissingDatabase),
            _server.Check(database: _server.ForbiddenDatabase),
            _server.Check(port: port),
            _server.Check(host: _server.Socket, database: "no_such_database"),
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

        var results = await CheckHarness.RunAsync(yaml);

        var logins = results.Where(r => r.Name.StartsWith("mysql:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, logins.Count(r => r.Status == ResultStatus.Ok));
        Assert.Equal(4, logins.Count(r => r.Status == ResultStatus.Failed));
    }

    [Fact]
    public async Task Run_RightCredentials_NoConnectionLeftOnTheServer()
    {
        // Connect, authenticate, close: no pooled connection stays behind on the server.
        var results = await CheckHarness.RunAsync(_server.Check());

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(0, await ConnectionsLeftAsync());
    }

    private async Task<long> ConnectionsLeftAsync()
    {
        var settings = new MySqlConnectionStringBuilder
        {
            // Over TCP like the check: without the PROCESS privilege an account sees only its own connections,
            // and conncheck_user@'%' (TCP) is another account than conncheck_user@localhost (the socket).
            Server = _server.Host,
            Port = (uint)_server.Port,
            UserID = _server.User,
            Password = _server.Password,
            Database = _server.Database,
            Pooling = false,
        };
        await using var connection = new MySqlConnection(settings.ConnectionString);
        await connection.OpenAsync();

        await using var count = new MySqlCommand("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID()", connection);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            // The server ends a thread a moment after the client has gone.
            var left = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            if (left == 0 || TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(5))
            {
                return left;
            }

            await Task.Delay(20);
        }
    }
}
