using System.Globalization;
using ConnCheck.Running;

namespace ConnCheck.Tests.Services.Redis;

/// <summary>
/// The two Redis instances that <c>scripts/servers/redis.sh</c> runs on 127.0.0.1: one with a password
/// and an ACL user, one with no password at all.
/// </summary>
internal sealed class RedisServer
{
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("redis");

    public string Host => _settings["HOST"];

    /// <summary>The instance with requirepass and the ACL user.</summary>
    public int Port => int.Parse(_settings["PORT"], CultureInfo.InvariantCulture);

    /// <summary>The instance without a password.</summary>
    public int OpenPort => int.Parse(_settings["OPEN_PORT"], CultureInfo.InvariantCulture);

    /// <summary>The TLS port of the instance with the password, its certificate for localhost and 127.0.0.1.</summary>
    public int TlsPort => int.Parse(_settings["TLS_PORT"], CultureInfo.InvariantCulture);

    /// <summary>The CA of <see cref="TlsPort"/>'s certificate, for --tls-certs-path.</summary>
    public string CaDirectory => _settings["CA_DIR"];

    /// <summary>The default user's password (requirepass).</summary>
    public string Password => _settings["PASSWORD"];

    public string AclUser => _settings["ACL_USER"];

    public string AclPassword => _settings["ACL_PASSWORD"];

    /// <summary>A redis check in YAML; each null option is left out; <paramref name="extra"/> are more option lines.</summary>
    public string Check(int? port = null, string? password = null, string? username = null, params string[] extra) =>
        string.Join(
            "\n",
            [
                "- type: redis",
                $"  host: {Host}",
                $"  port: {port ?? Port}",
                .. password is null ? Array.Empty<string>() : [$"  password: '{password}'"],
                .. username is null ? Array.Empty<string>() : [$"  username: '{username}'"],
                .. extra.Select(line => "  " + line),
                "",
            ]);

    /// <summary>Neither password of the server is in any name, info text, message or error of <paramref name="results"/>.</summary>
    public void AssertPasswordsNotShown(IEnumerable<CheckResult> results) =>
        Assert.All(results, r =>
        {
            var shown = $"{r.Name} {r.Info} {r.Message} {r.Error}";
            Assert.DoesNotContain(Password, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(AclPassword, shown, StringComparison.Ordinal);
        });
}
