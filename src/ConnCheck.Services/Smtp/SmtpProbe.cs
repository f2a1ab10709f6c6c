using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ConnCheck.Services.Smtp;

/// <summary>
/// The smtp subcheck: one SMTP session with MailKit. Every step takes the check's token, which
/// MailKit passes to every connect, handshake, read and write (its reads end the connection when it
/// fires), so the check's timeout bounds the session and nothing is left running after it.
/// </summary>
internal static class SmtpProbe
{
    public static async Task RunAsync(CheckContext context, string host, int port, SmtpSession session, CancellationToken cancellationToken)
    {
        var log = new GreetingLog();

        // 1.x never verified a mail server's certificate: only verify_tls asks for it. Either way its expiry is noted.
        var validator = new CertificateValidator(session.ServerName ?? host, session.VerifyTls, context.TlsTrust, context.Progress);
        using var client = new ProbeSmtpClient(log)
        {
            ServerCertificateValidationCallback = validator.Validate,
            CheckCertificateRevocation = false,

            // MailKit's per-read clock (2 minutes by default) is only a backstop: the token fires first.
            Timeout = context.TimeoutForDriver().Milliseconds,
        };

        try
        {
            await ConnectAsync(context, client, log, validator, host, port, session, cancellationToken);
            await StepAsync("AUTH", () => AuthenticateAsync(client, log, session, cancellationToken));
            if (session.Send)
            {
                await StepAsync("sending", () => SendAsync(context, client, session, cancellationToken));
            }
            else if (session.To is { } to)
            {
                await StepAsync("MAIL FROM/RCPT TO", () => ProbeRecipientAsync(client, session.From, to, cancellationToken));
            }

            await QuitAsync(client, cancellationToken);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            // MailKit wraps a cancelled handshake in its own exception; once the token has fired, the
            // failure is the timeout, whatever it was wrapped in.
            throw new OperationCanceledException("the SMTP session was cancelled", e, cancellationToken);
        }
    }

    private static async Task ConnectAsync(CheckContext context, ProbeSmtpClient client, GreetingLog log, CertificateValidator validator, string host, int port, SmtpSession session, CancellationToken cancellationToken)
    {
        // Our own connect: the same name resolution, address fallback and messages as the tcp check.
        var socket = await TcpConnector.ConnectAsync(context, host, port, cancellationToken);
        var security = session.UseTls ? SecureSocketOptions.SslOnConnect
            : session.StartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;
        try
        {
            try
            {
                await StepAsync("the greeting", () => client.ConnectAsync(socket, session.ServerName ?? host, port, security, cancellationToken));
            }
            catch (SmtpCommandException e)
            {
                throw new CheckFailedException(FailureStage.Protocol, Refusal(log, session, SmtpReplies.Show(e.StatusCode, e.Message)), e);
            }
            catch (NotSupportedException e) when (session.StartTls)
            {
                throw new CheckFailedException(FailureStage.Tls, "STARTTLS not offered by the server", e);
            }
            catch (SslHandshakeException e)
            {
                throw new CheckFailedException(FailureStage.Tls, validator.Failure ?? $"TLS handshake failed: {(e.InnerException ?? e).Message}", e);
            }
        }
        catch
        {
            // MailKit owns the socket once connected, but not on every failure path; closing twice is harmless.
            socket.Dispose();
            throw;
        }
        finally
        {
            log.Listening = false;
        }

        if (log.UsedHelo && !session.HeloFallback)
        {
            throw new CheckFailedException(FailureStage.Protocol, $"EHLO refused: {log.EhloRefusal} (helo_fallback: true would accept HELO)");
        }
    }

    /// <summary>Says which step of the greeting a refusal answered.</summary>
    private static string Refusal(GreetingLog log, SmtpSession session, string reply) => log.LastCommand switch
    {
        null => $"the server refused the session: {reply}",
        "HELO" when session.HeloFallback => $"EHLO and HELO refused: {log.EhloRefusal}; {reply}",
        "HELO" => $"EHLO refused: {log.EhloRefusal}",
        "STARTTLS" => $"STARTTLS refused: {reply}",
        var command => $"{command} refused: {reply}",
    };

    private static async Task AuthenticateAsync(ProbeSmtpClient client, GreetingLog log, SmtpSession session, CancellationToken cancellationToken)
    {
        if (log.UsedHelo)
        {
            // A server that refuses EHLO has no extensions, AUTH among them: HELO and sending is all it can prove.
            return;
        }

        if ((client.Capabilities & SmtpCapabilities.Authentication) == 0)
        {
            throw new CheckFailedException(FailureStage.Auth, client.IsSecure
                ? "AUTH not offered by the server"
                : "AUTH not offered on this plain connection (servers often offer it only after TLS: use_tls or starttls)");
        }

        try
        {
            await client.AuthenticateAsync(session.Username, session.Password.Reveal(), cancellationToken);
        }
        catch (AuthenticationException e)
        {
            var reply = e.InnerException is SmtpCommandException command ? SmtpReplies.Show(command.StatusCode, command.Message) : e.Message.Replace(": ", " ", StringComparison.Ordinal);
            throw new CheckFailedException(FailureStage.Auth, $"authentication failed for user \"{session.Username}\" ({reply})", e);
        }
        catch (NotSupportedException e)
        {
            throw new CheckFailedException(FailureStage.Auth, $"no AUTH mechanism in common with the server (it offers {string.Join(' ', client.AuthenticationMechanisms)})", e);
        }
    }

    private static async Task SendAsync(CheckContext context, ProbeSmtpClient client, SmtpSession session, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage
        {
            Date = context.Time.GetLocalNow(),
            Subject = session.Subject,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = session.Message },
        };
        message.From.Add(session.From!);
        message.To.Add(session.To!);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            var reply = SmtpReplies.Show(e.StatusCode, e.Message);
            throw new CheckFailedException(FailureStage.Protocol, e.ErrorCode switch
            {
                SmtpErrorCode.RecipientNotAccepted => $"recipient rejected: {session.To!.Address} ({reply})",
                SmtpErrorCode.SenderNotAccepted => $"sender rejected: {session.From!.Address} ({reply})",
                SmtpErrorCode.MessageNotAccepted => $"message rejected ({reply})",
                _ => $"the server replied {reply}",
            }, e);
        }
        catch (ServiceNotAuthenticatedException e)
        {
            throw new CheckFailedException(FailureStage.Auth, $"the server requires authentication to send ({e.Message})", e);
        }
    }

    /// <summary><c>send: false</c>: the envelope up to an accepted recipient, then RSET, so no mail is sent.</summary>
    private static async Task ProbeRecipientAsync(ProbeSmtpClient client, MailboxAddress? from, MailboxAddress to, CancellationToken cancellationToken)
    {
        var mail = await client.CommandAsync($"MAIL FROM:<{from?.Address}>", cancellationToken);
        if (mail.StatusCode != SmtpStatusCode.Ok)
        {
            throw new CheckFailedException(FailureStage.Protocol, $"sender rejected: <{from?.Address}> ({SmtpReplies.Show(mail.StatusCode, mail.Response)})");
        }

        var rcpt = await client.CommandAsync($"RCPT TO:<{to.Address}>", cancellationToken);
        if (rcpt.StatusCode is not (SmtpStatusCode.Ok or SmtpStatusCode.UserNotLocalWillForward))
        {
            throw new CheckFailedException(FailureStage.Protocol, $"recipient rejected: {to.Address} ({SmtpReplies.Show(rcpt.StatusCode, rcpt.Response)})");
        }

        var reset = await client.CommandAsync("RSET", cancellationToken);
        if (reset.StatusCode != SmtpStatusCode.Ok)
        {
            throw new CheckFailedException(FailureStage.Protocol, $"RSET refused: {SmtpReplies.Show(reset.StatusCode, reset.Response)}");
        }
    }

    private static async Task QuitAsync(ProbeSmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException)
        {
            // Everything the check proves is proven by now; a server that drops the line at QUIT is no failure.
        }
    }

    /// <summary>Runs one step, turning a lost connection into a message that names the step.</summary>
    private static async Task StepAsync(string step, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (SmtpProtocolException e)
        {
            throw new CheckFailedException(FailureStage.Protocol, $"the server closed the connection during {step}", e);
        }
        catch (IOException e) when (e.InnerException is SocketException socket)
        {
            throw new CheckFailedException(FailureStage.Protocol, $"{SocketErrors.Describe(socket.SocketErrorCode)} during {step}", e);
        }
        catch (IOException e)
        {
            throw new CheckFailedException(FailureStage.Protocol, $"connection lost during {step}: {e.Message}", e);
        }
        catch (TimeoutException e)
        {
            throw new CheckFailedException(FailureStage.Timeout, $"timed out during {step}", e);
        }
    }
}
