using System.Globalization;
using ConnCheck.Running;

namespace ConnCheck.Tests.Services.Amqp;

/// <summary>The RabbitMQ that <c>scripts/servers/rabbitmq.sh</c> runs on 127.0.0.1: a plain and a TLS listener.</summary>
internal sealed class AmqpServer
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("rabbitmq");

    public string Host => _settings["HOST"];

    public int Port => int.Parse(_settings["PORT"], CultureInfo.InvariantCulture);

    public int TlsPort => int.Parse(_settings["TLS_PORT"], CultureInfo.InvariantCulture);

    public string User => _settings["USER"];

    public string Password => _settings["PASSWORD"];

    /// <summary>A vhost besides <c>/</c> on which the user has every permission.</summary>
    public string Vhost => _settings["VHOST"];

    /// <summary>A vhost that exists but grants the user nothing.</summary>
    public string DeniedVhost => _settings["DENIED_VHOST"];

    /// <summary>
    /// The self-signed certificate of the TLS listener (CN localhost; names localhost and 127.0.0.1).
    /// A server started before server.env named it keeps it where the script writes it.
    /// </summary>
    public string TlsCertificate => _settings.TryGetValue("TLS_CERT", out var path)
        ? path
        : Path.Combine(TestServer.StateDirectory, "rabbitmq", "tls", "server.pem");

    /// <summary>
    /// An amqp check in YAML against the plain listener (<paramref name="useTls"/> false) or the TLS one;
    /// each argument left null takes the server's right value; <paramref name="extra"/> are more option lines.
    /// </summary>
    public string Check(bool useTls, int? port = null, string? user = null, string? password = null, params string[] extra) =>
        string.Join(
            "\n",
            [
                "- type: amqp",
                $"  host: {Host}",
                $"  port: {port ?? (useTls ? TlsPort : Port)}",
                $"  username: '{user ?? User}'",
                $"  password: '{password ?? Password}'",
                $"  use_tls: {(useTls ? "true" : "false")}",
                .. extra.Select(line => "  " + line),
                "",
            ]);

    /// <summary>The server's password is in no name, info text, message or error of <paramref name="results"/>.</summary>
    public void AssertPasswordNotShown(IEnumerable<CheckResult> results) =>
        Assert.All(results, r => Assert.DoesNotContain(Password, $"{r.Name} {r.Info} {r.Message} {r.Error}", StringComparison.Ordinal));
}
