using ConnCheck.Secrets;
using MimeKit;

namespace ConnCheck.Services.Smtp;

/// <summary>What an smtp check does once connected: how it greets, who it is, and what it sends.</summary>
/// <param name="Username">The AUTH user.</param>
/// <param name="Password">The AUTH password; registered as a secret when read.</param>
/// <param name="From">The envelope sender and From header; null only when <see cref="Send"/> is false (then MAIL FROM:&lt;&gt;).</param>
/// <param name="To">The recipient; null only when <see cref="Send"/> is false (then the check stops after AUTH).</param>
/// <param name="Subject">The Subject header.</param>
/// <param name="Message">The plain-text body.</param>
/// <param name="HeloFallback">Accept a server that refuses EHLO but answers HELO.</param>
/// <param name="UseTls">TLS from the first byte (implicit TLS, as on port 465).</param>
/// <param name="StartTls">Upgrade a plain connection with STARTTLS before AUTH.</param>
/// <param name="VerifyTls">Verify the certificate's chain and host name in the TLS handshake, implicit or STARTTLS.</param>
/// <param name="ServerName">The name the TLS handshake asks for and verifies, when not the host.</param>
/// <param name="Send">Send the message; false stops after RCPT TO, then RSET, so nobody is mailed.</param>
internal sealed record SmtpSession(
    string Username,
    Secret Password,
    MailboxAddress? From,
    MailboxAddress? To,
    string Subject,
    string Message,
    bool HeloFallback,
    bool UseTls,
    bool StartTls,
    bool VerifyTls,
    bool Send,
    string? ServerName = null);
