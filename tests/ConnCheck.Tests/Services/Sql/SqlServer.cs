using System.Globalization;

namespace ConnCheck.Tests.Services.Sql;

/// <summary>A database server that <c>scripts/servers/NAME.sh</c> runs, with a test user, databases and TLS.</summary>
/// <param name="name">The server script's name (its state directory).</param>
/// <param name="checkType">The check type that <see cref="Check"/> writes unless told otherwise.</param>
internal abstract class SqlServer(string name, string checkType)
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings(name);

    public string Host => Setting("HOST");

    public int Port => int.Parse(Setting("PORT"), CultureInfo.InvariantCulture);

    public string User => Setting("USER");

    public string Password => Setting("PASSWORD");

    public string Database => Setting("DATABASE");

    /// <summary>The server's self-signed certificate (CN localhost, SAN localhost and 127.0.0.1).</summary>
    public string TlsCertificate => Setting("TLS_CERT");

    /// <summary>A check in YAML; each argument left null takes the server's right value; <paramref name="extra"/> are more option lines.</summary>
    public string Check(
        string? host = null,
        int? port = null,
        string? user = null,
        string? password = null,
        string? database = null,
        string? type = null,
        params string[] extra) =>
        string.Join(
            "\n",
            [
                $"- type: {type ?? checkType}",
                $"  host: '{host ?? Host}'",
                $"  port: {port ?? Port}",
                $"  username: '{user ?? User}'",
                $"  password: '{password ?? Password}'",
                $"  database: '{database ?? Database}'",
                .. extra.Select(line => "  " + line),
                "",
            ]);

    protected string Setting(string key) => _settings[key];
}
