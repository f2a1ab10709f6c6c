using ConnCheck.Tests.Services.Sql;

namespace ConnCheck.Tests.Services.Postgres;

/// <summary>The PostgreSQL that <c>scripts/servers/postgres.sh</c> runs: 127.0.0.1 and ::1, a socket directory, TLS.</summary>
internal sealed class PostgresServer() : SqlServer("postgres", "postgres")
{
    public string SocketDirectory => Setting("SOCKET_DIR");

    /// <summary>A database the test role may not connect to (REVOKE CONNECT).</summary>
    public string ForbiddenDatabase => Setting("FORBIDDEN_DATABASE");
}
