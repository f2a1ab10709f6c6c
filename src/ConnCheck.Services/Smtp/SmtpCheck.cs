using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Secrets;
using MimeKit;

namespace ConnCheck.Services.Smtp;

/// <summary>
/// <c>type: smtp</c> — tcp; a TLS handshake when <c>use_tls</c> (verified only with <c>verify_tls</c>); then EHLO (HELO if
/// <c>helo_fallback</c>), STARTTLS if asked, AUTH, and the message sent to <c>to_address</c> (or, with
/// <c>send: false</c>, only MAIL FROM and RCPT TO, then RSET), and QUIT.
/// </summary>
internal sealed record SmtpCheck(CheckCommon Common, string Host, int Port, SmtpSession Session) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("smtp", [], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var hostPort = Names.HostPort(Host, Port);
        var egress = Egress.Tcp(Host, Port);
        var subchecks = new List<Subcheck> { TcpConnector.Subcheck(Host, Port, handOver: true) };
        if (Session.UseTls)
        {
            subchecks.Add(new Subcheck($"tls:{hostPort}", hostPort, async (context, cancellationToken) =>
            {
                // 1.x never verified the mail server's certificate: only verify_tls asks for it, here and in the session.
                await using var stream = await TlsConnector.ConnectAsync(context, Host, Port, Session.VerifyTls, cancellationToken, new TlsClientOptions(Session.ServerName, null));
            })
            {
                Egress = egress,
            });
        }

        subchecks.Add(new Subcheck($"smtp:{hostPort}", $"user {Session.Username}", (context, cancellationToken) => SmtpProbe.RunAsync(context, Host, Port, Session, cancellationToken))
        {
            Egress = egress,
        });
        return subchecks;
    }

    private static SmtpCheck Parse(OptionReader options, CheckCommon common)
    {
        var host = options.Host();
        var port = options.Port();
        var username = options.String("username", required: true) ?? "";
        var password = options.SecretString("password", required: true) ?? Secret.Empty;
        var send = options.Bool("send", true);
        var from = Address(options, "from_address", required: send);
        var to = Address(options, "to_address", required: send);
        var startTls = options.Bool("starttls", false);

        // starttls on its own means a plain connection upgraded in the session, so it turns use_tls off.
        var useTls = options.Bool("use_tls", !startTls);
        if (useTls && startTls)
        {
            options.Error("starttls", "starttls: true needs use_tls: false (use_tls is TLS from the first byte, as on port 465; starttls upgrades a plain connection)");
        }

        var verifyTls = VerifyTlsOption.Read(
            options,
            startTls ? "starttls" : "use_tls",
            useTls || startTls,
            "verify_tls: true needs use_tls: true or starttls: true (without TLS there is no certificate to verify)");

        var session = new SmtpSession(
            username,
            password,
            from,
            to,
            options.String("subject") ?? "",
            options.String("message") ?? "",
            options.Bool("helo_fallback", false),
            useTls,
            startTls,
            verifyTls,
            send,
            ServerName(options, useTls || startTls));
        return new SmtpCheck(common, host, port, session);
    }

    private static string? ServerName(OptionReader options, bool usesTls)
    {
        var serverName = TlsClientOptions.ParseServerName(options);
        if (serverName is not null && !usesTls)
        {
            options.Error(TlsClientOptions.ServerNameKey, $"{TlsClientOptions.ServerNameKey} needs use_tls: true or starttls: true (without TLS there is no server name to send)");
        }

        return serverName;
    }

    private static MailboxAddress? Address(OptionReader options, string key, bool required)
    {
        var written = options.String(key, required);
        if (written is null || (!required && written.Trim().Length == 0))
        {
            return null;
        }

        if (MailboxAddress.TryParse(written.Trim(), out var mailbox) && mailbox.Address.Length > 0)
        {
            return mailbox;
        }

        options.Error(key, $"{key} must be an email address, not {Printable.Quote(written)}");
        return null;
    }
}
