using System.Security.Cryptography.X509Certificates;
using ConnCheck.TestPeers.Sql;

namespace ConnCheck.Tests.Services.Sql;

/// <summary>
/// A loopback server of either database type that asks for the password in cleartext
/// (PostgreSQL's AuthenticationCleartextPassword, MySQL's switch to mysql_clear_password) and records
/// what arrives: one face for the two peers, so that one test covers both checks.
/// </summary>
internal sealed class PasswordPeer : IAsyncDisposable
{
    private readonly PostgresPasswordPeer? _postgres;
    private readonly MysqlPasswordPeer? _mysql;

    private PasswordPeer(string type, PostgresPasswordPeer? postgres, MysqlPasswordPeer? mysql)
    {
        Type = type;
        _postgres = postgres;
        _mysql = mysql;
    }

    public string Type { get; }

    public int Port => _postgres?.Port ?? _mysql!.Port;

    /// <summary>What the client sent when asked for its password in cleartext.</summary>
    public IReadOnlyList<string> Received => _postgres?.PasswordMessages ?? _mysql!.SwitchReplies;

    /// <summary>How many logins got as far as the request for the password in cleartext.</summary>
    public int Asked => _postgres?.Startups ?? _mysql!.Switches;

    public int TlsHandshakes => _postgres?.TlsHandshakes ?? _mysql!.TlsHandshakes;

    /// <summary>A peer for check type <paramref name="type"/>, offering TLS with <paramref name="certificate"/> when given.</summary>
    public static PasswordPeer Start(string type, X509Certificate2? certificate = null) => type == "postgres"
        ? new(type, PostgresPasswordPeer.Start(certificate), null)
        : new(type, null, MysqlPasswordPeer.Start(certificate));

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_mysql is not null)
        {
            await _mysql.DisposeAsync();
        }
    }
}
