using System.Globalization;

namespace ConnCheck.Tests.Services.Smtp;

/// <summary>
/// The Exim that <c>scripts/servers/exim.sh</c> runs on 127.0.0.1: implicit TLS, STARTTLS, a plain
/// port without AUTH, a port that refuses EHLO; mail for the test domain lands in one Maildir.
/// </summary>
internal sealed class SmtpServer
{
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(10);
    private readonly IReadOnlyDictionary<string, string> _settings = TestServer.Settings("exim");

    public string Host => _settings["HOST"];

    /// <summary>TLS from the first byte; AUTH PLAIN and LOGIN.</summary>
    public int TlsPort => Port("TLS_PORT");

    /// <summary>Plain until STARTTLS; AUTH only after it.</summary>
    public int StartTlsPort => Port("STARTTLS_PORT");

    /// <summary>Plain, with neither STARTTLS nor AUTH.</summary>
    public int PlainPort => Port("PLAIN_PORT");

    /// <summary>Plain; refuses EHLO, accepts HELO and takes mail for the test domain without AUTH.</summary>
    public int NoEhloPort => Port("NO_EHLO_PORT");

    public string User => _settings["USER"];

    /// <summary>The self-signed certificate of the TLS and STARTTLS ports (30 days, CN localhost).</summary>
    public string TlsCertificate => _settings["TLS_CERT"];

    public string Password => _settings["PASSWORD"];

    /// <summary>A sender the server refuses at MAIL FROM.</summary>
    public string RejectedSender => $"someone@{_settings["REJECTED_SENDER_DOMAIN"]}";

    /// <summary>A recipient the server accepts and delivers to the Maildir, new for each call.</summary>
    public string NewRecipient() => $"t{Guid.NewGuid():N}@{_settings["DOMAIN"]}";

    /// <summary>An smtp check in YAML. Each argument left null takes the server's right value; <paramref name="extra"/> are more option lines.</summary>
    public string Check(
        int? port = null,
        string? user = null,
        string? password = null,
        string? from = "sender@example.test",
        string? to = null,
        params string[] extra) =>
        string.Join(
            "\n",
            [
                "- type: smtp",
                $"  host: '{Host}'",
                $"  port: {port ?? TlsPort}",
                $"  username: '{user ?? User}'",
                $"  password: '{password ?? Password}'",
                .. from is null ? Array.Empty<string>() : [$"  from_address: '{from}'"],
                .. to is null ? Array.Empty<string>() : [$"  to_address: '{to}'"],
                .. extra.Select(line => "  " + line),
                "",
            ]);

    /// <summary>The delivered message whose envelope recipient is <paramref name="recipient"/>, waiting for delivery (bounded); null when none came.</summary>
    public async Task<string?> DeliveredToAsync(string recipient)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (FindDelivered(recipient) is { } message)
            {
                return message;
            }

            if (TimeProvider.System.GetElapsedTime(started) > DeliveryLimit)
            {
                return null;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Exim's log line for a message it received for <paramref name="recipient"/>, or null. Exim logs
    /// a message (<c>&lt;=</c>, with its recipients) before it answers the end of DATA, so once a
    /// check has ended, no line means no message was taken.
    /// </summary>
    public string? Reception(string recipient) =>
        File.ReadLines(_settings["MAINLOG"]).SingleOrDefault(line => line.Contains(" <= ", StringComparison.Ordinal) && line.EndsWith($" for {recipient}", StringComparison.Ordinal));

    /// <summary>Every message file in the Maildir, read now (no waiting).</summary>
    public IEnumerable<string> DeliveredNow() =>
        Directory.Exists(Path.Combine(_settings["MAILDIR"], "new")) ? Directory.EnumerateFiles(Path.Combine(_settings["MAILDIR"], "new")).Select(File.ReadAllText) : [];

    private string? FindDelivered(string recipient) =>
        DeliveredNow().FirstOrDefault(text => text.Contains($"Envelope-to: {recipient}\n", StringComparison.Ordinal));

    private int Port(string key) => int.Parse(_settings[key], CultureInfo.InvariantCulture);
}
