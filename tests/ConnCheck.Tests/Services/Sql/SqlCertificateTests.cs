using ConnCheck.Running;
using ConnCheck.Tests.Checks;
using ConnCheck.Tests.Services.Mysql;
using ConnCheck.Tests.Services.Postgres;
using TempDirectory = ConnCheck.Tests.EndToEnd.TempDirectory;

namespace ConnCheck.Tests.Services.Sql;

/// <summary>
/// The server certificate of a database login over TLS, in every sslmode that uses TLS, against the
/// real PostgreSQL and MariaDB: both serve a 30-day self-signed certificate, which prefer and require
/// accept unverified and verify-full trusts through --tls-certs-path (SPEC C3).
/// </summary>
public sealed class SqlCertificateTests
{
    public static TheoryData<string, string> TypesAndUnverifiedModes => new()
    {
        { "postgres", "prefer" },
        { "postgres", "require" },
        { "mysql", "prefer" },
        { "mysql", "require" },
    };

    public static TheoryData<string> Types => ["postgres", "mysql"];

    [Theory]
    [MemberData(nameof(TypesAndUnverifiedModes))]
    public async Task Run_CertWarningDaysBeyondTheCertificate_LoginWarnsNamingItsExpiry(string type, string mode)
    {
        var server = Server(type);

        var results = await CheckHarness.RunAsync(server.Check(extra: [$"sslmode: {mode}", "cert_warning_days: 60"]));

        Assert.Equal(ResultStatus.Ok, results[0].Status);
        Assert.Null(results[0].Certificate);
        CertificateAssert.Warns(results[1], server.TlsCertificate);
    }

    [Theory]
    [MemberData(nameof(TypesAndUnverifiedModes))]
    public async Task Run_DefaultLimits_LoginCarriesTheServersCertificate(string type, string mode)
    {
        var server = Server(type);

        var results = await CheckHarness.RunAsync(server.Check(extra: $"sslmode: {mode}"));

        CertificateAssert.UnderDefaults(results[1], server.TlsCertificate);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_CertCriticalDaysBeyondTheCertificate_LoginFailsAtTls(string type)
    {
        var server = Server(type);

        var results = await CheckHarness.RunAsync(server.Check(extra: "cert_critical_days: 60"));

        CertificateAssert.Fails(results[1], server.TlsCertificate);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_RunWarningDaysBeyondTheCertificate_LoginWarns(string type)
    {
        var server = Server(type);
        var options = new RunOptions { CertificateLimits = new CertificateLimits(WarningDays: 60, CriticalDays: 0) };

        var results = await CheckHarness.RunAsync(server.Check(), options: options);

        CertificateAssert.Warns(results[1], server.TlsCertificate);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_VerifyFullTrusted_LoginWarnsOfTheCertificateItVerified(string type)
    {
        var server = Server(type);
        using var trusted = new TempDirectory();
        File.Copy(server.TlsCertificate, Path.Combine(trusted.Path, "test-server.pem"));

        var results = await CheckHarness.RunAsync(server.Check(extra: ["sslmode: verify-full", "cert_warning_days: 60"]), caDirectory: trusted.Path);

        CertificateAssert.Warns(results[1], server.TlsCertificate);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Run_SslModeDisable_NoCertificateAndNoWarning(string type)
    {
        var results = await CheckHarness.RunAsync(Server(type).Check(extra: ["sslmode: disable", "cert_warning_days: 60"]));

        Assert.All(results, r =>
        {
            Assert.Equal(ResultStatus.Ok, r.Status);
            Assert.Null(r.Certificate);
        });
    }

    private static SqlServer Server(string type) => type == "postgres" ? new PostgresServer() : new MariadbServer();
}
