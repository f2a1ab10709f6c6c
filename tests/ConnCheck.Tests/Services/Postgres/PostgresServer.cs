using System.Globalization;

namespace ConnCheck.Tests.Services.Postgres;

/// <summary>The PostgreSQL that <c>scripts/servers/postgres.sh</c> runs: 127.0.0.1 and ::1, a socket directory, TLS.</summary>
internal sealed class PostgresServer
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("postgres");

    public string Host => _settings["HOST"];

    public int Port => int.Parse(_settings["PORT"], CultureInfo.InvariantCulture);

    public string SocketDirectory => _settings["SOCKET_DIR"];

    public string User => _settings["USER"];

    public string Password => _settings["PASSWORD"];

    public string Database => _settings["DATABASE"];

    /// <summary>A database the test role may not connect to (REVOKE CONNECT).</summary>
    public string ForbiddenDatabase => _settings["FORBIDDEN_DATABASE"];

    /// <summary>The server's self-signed certificate (CN localhost, SAN localhost and 127.0.0.1).</summary>
    public string TlsCertificate => _settings["TLS_CERT"];

    /// <summary>A postgres check in YAML; each argument left null takes the server's right value; <paramref name="extra"/> are more option lines.</summary>
    public string Check(
        string? host = null,
        int? port = null,
        string? user = null,
        string? password = null,
        string? database = null,
        string type = "postgres",
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
