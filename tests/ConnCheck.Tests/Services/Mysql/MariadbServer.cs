using ConnCheck.Tests.Services.Sql;

namespace ConnCheck.Tests.Services.Mysql;

/// <summary>The MariaDB that <c>scripts/servers/mariadb.sh</c> runs: 127.0.0.1, a Unix socket, TLS.</summary>
internal sealed class MariadbServer() : SqlServer("mariadb", "mysql")
{
    /// <summary>The server's Unix socket file.</summary>
    public string Socket => Setting("SOCKET");

    /// <summary>A database the test user has no privilege on.</summary>
    public string ForbiddenDatabase => Setting("FORBIDDEN_DATABASE");

    /// <summary>A database the test user may use but that does not exist.</summary>
    public string MissingDatabase => Setting("MISSING_DATABASE");
}
