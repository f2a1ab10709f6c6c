using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;
using ConnCheck.Services.Sql;

namespace ConnCheck.Services.Mysql;

/// <summary>
/// <c>type: mysql</c> — a tcp connect, then a login to <c>database</c> as <c>username</c> (MySQL or
/// MariaDB). Port 3306 unless given; a host starting with <c>/</c> is the server's Unix socket: no tcp subcheck.
/// The TLS mode is <c>sslmode</c> as for postgres, or <c>ssl_mode</c> as MySQL's own clients spell it.
/// </summary>
internal sealed record MysqlCheck(CheckCommon Common, SqlLogin Login) : CheckDefinition(Common)
{
    public const int DefaultPort = 3306;

    public static CheckType Type { get; } = new("mysql", [], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var login = new Subcheck($"mysql:{Names.HostPort(Login.Host, Login.Port)}", Login.Info, (context, cancellationToken) =>
            MysqlConnector.LoginAsync(context, Login, cancellationToken))
        {
            Egress = Login.IsUnixSocket ? null : Egress.Tcp(Login.Host, Login.Port),
            Target = new(Login.Host, Login.Port),
        };
        return Login.IsUnixSocket ? [login] : [TcpConnector.Subcheck(Login.Host, Login.Port), login];
    }

    private static MysqlCheck Parse(OptionReader options, CheckCommon common) =>
        new(common, SqlLogin.Parse(
            options,
            DefaultPort,
            sslModeAlias: "ssl_mode",
            serverNameRefusal: "server_name is not supported by the mysql check: its driver (MySqlConnector) always sends and verifies the host it connects to; connect to that name as host instead"));
}
