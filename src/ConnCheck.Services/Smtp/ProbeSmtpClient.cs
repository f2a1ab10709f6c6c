using MailKit.Net.Smtp;

namespace ConnCheck.Services.Smtp;

/// <summary>
/// MailKit's client with its protected raw-command method opened: MailKit sends MAIL FROM and
/// RCPT TO only as part of sending a whole message, and <c>send: false</c> needs them without DATA.
/// </summary>
internal sealed class ProbeSmtpClient : SmtpClient
{
    public ProbeSmtpClient(GreetingLog log)
        : base(log)
    {
    }

    /// <summary>Sends one command line (no CRLF) and returns the reply, whatever its code.</summary>
    public Task<SmtpResponse> CommandAsync(string command, CancellationToken cancellationToken) =>
        SendCommandAsync(command, cancellationToken);
}
