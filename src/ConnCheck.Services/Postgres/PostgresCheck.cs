using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;
using ConnCheck.Services.Sql;

namespace ConnCheck.Services.Postgres;

/// <summary>
/// <c>type: postgres</c> (alias <c>postgresql</c>) — a tcp connect, then a login to <c>database</c>
/// as <c>username</c>. A host starting with <c>/</c> is a Unix socket directory: no tcp subcheck.
/// </summary>
internal sealed record PostgresCheck(CheckCommon Common, SqlLogin Login) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("postgres", ["postgresql"], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var login = new Subcheck($"postgres:{Names.HostPort(Login.Host, Login.Port)}", Login.Info, (context, cancellationToken) =>
            PostgresConnector.LoginAsync(context, Login, cancellationToken))
        {
            Egress = Login.IsUnixSocket ? null : Egress.Tcp(Login.Host, Login.Port),
            Target = new(Login.Host, Login.Port),
        };
        return Login.IsUnixSocket ? [login] : [TcpConnector.Subcheck(Login.Host, Login.Port), login];
    }

    private static PostgresCheck Parse(OptionReader options, CheckCommon common) =>
        new(common, SqlLogin.Parse(options, defaultPort: null));
}
