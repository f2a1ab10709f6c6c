using ConnCheck.Services.Sql;

namespace ConnCheck.Services.Mysql;

/// <summary>
/// Stops MySqlConnector before it sends the password itself to a server whose identity was not verified
/// (SPEC C2). MySqlConnector has no option for it: it sends a cleartext password to any loopback
/// server, and over TLS to any server our certificate validation let through, which in prefer and
/// require is every one. It logs that a server asked to switch the authentication method before it
/// answers, though, and our reading of its log runs inside that call: throwing there ends the login
/// before a byte of the password is written.
/// </summary>
internal sealed class MysqlCleartextGuard(SqlLogin login)
{
    // MySqlConnector's event ids (MySqlConnector.Logging.EventIds) and the placeholder that names the method.
    private const int SwitchingToAuthenticationMethod = 2115;
    private const int ConnectedTls = 2145;
    private const int ConnectedTlsWithCertificateErrors = 2156;
    private const string MethodKey = "AuthenticationMethod";

    private bool _tls;

    public void Read(DriverLogEvent entry)
    {
        switch (entry.Id.Id)
        {
            case ConnectedTls or ConnectedTlsWithCertificateErrors:
                _tls = true;
                break;
            case SwitchingToAuthenticationMethod when SendsThePassword(entry.Value(MethodKey)) && !login.MaySendCleartextPassword:
                throw SqlErrors.CleartextRefused();
        }
    }

    // mysql_clear_password sends it as it is; sha256_password too over TLS (without, it encrypts it with
    // the server's RSA key, which MySqlConnector fetches only from a loopback server or when allowed to).
    // caching_sha2_password answers a challenge, and asks for the password itself only when the server
    // has not cached the account; MySqlConnector logs nothing before it answers that request, so over
    // TLS that was not verified that one goes through (the README says so).
    private bool SendsThePassword(string? method) => method switch
    {
        "mysql_clear_password" => true,
        "sha256_password" => _tls,
        _ => false,
    };
}
