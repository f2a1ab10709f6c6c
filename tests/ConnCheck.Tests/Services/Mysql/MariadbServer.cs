using System.Globalization;

namespace ConnCheck.Tests.Services.Mysql;

/// <summary>The MariaDB that <c>scripts/servers/mariadb.sh</c> runs: 127.0.0.1, a Unix socket, TLS.</summary>
internal sealed class MariadbServer
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("mariadb");

    public string Host => _settings["HOST"];

    public int Port => int.Parse(_settings["PORT"], CultureInfo.InvariantCulture);

    /// <summary>The server's Unix socket file.</summary>
    public string Socket => _settings["SOCKET"];

    public string User => _settings["USER"];

    public string Password => _settings["PASSWORD"];

    public string Database => _settings["DATABASE"];

    /// <summary>A database the test user has no privilege on.</summary>
    public string ForbiddenDatabase => _settings["FORBIDDEN_DATABASE"];

    /// <summary>A database the test user may use but that does not exist.</summary>
    public string MissingDatabase => _settings["MISSING_DATABASE"];

    /// <summary>The server's self-signed certificate (CN localhost, SAN localhost and 127.0.0.1).</summary>
    public string TlsCertificate => _settings["TLS_CERT"];

    /// <summary>A mysql check in YAML; each argument left null takes the server's right value; <paramref name="extra"/> are more option lines.</summary>
    public string Check(
        string? host = null,
        int? port = null,
        string? user = null,
        string? password = null,
        string? database = null,
        string type = "mysql",
        params string[] extra) =>
        string.Join(
            "\n",
            [
                $"- type: {type}",
                $"  host: '{host ?? Host}'",
                $"  port: {port ?? Port}",
                $"  username: '{user ?? User}'",
                $"  password: '{password ?? Password}'",
                $"  database: '{database ?? Database}'",
                .. extra.Select(line => "  " + line),
                "",
            ]);
}
