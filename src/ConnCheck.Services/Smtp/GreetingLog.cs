using System.Text;
using MailKit;

namespace ConnCheck.Services.Smtp;

/// <summary>
/// Watches the commands MailKit sends while it connects. MailKit falls back from EHLO to HELO on
/// its own and says nothing about it, so this is how the check learns that it did (and refuses it
/// unless <c>helo_fallback</c> allows it) and which step a refusal answered.
/// </summary>
/// <remarks>
/// It stops listening once the connection is set up: after that come AUTH exchanges, whose lines
/// carry credentials, and the message itself; neither is looked at or kept.
/// </remarks>
internal sealed class GreetingLog : IProtocolLogger
{
    private const int MaxReplyLength = 512;
    private readonly StringBuilder _reply = new();

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>Whether commands are still being watched; cleared once connected.</summary>
    public bool Listening { get; set; } = true;

    /// <summary>The verb of the last command sent while connecting (EHLO, HELO, STARTTLS), or null before any.</summary>
    public string? LastCommand { get; private set; }

    /// <summary>The server's reply to EHLO when it refused it, else null.</summary>
    public string? EhloRefusal { get; private set; }

    /// <summary>Whether MailKit greeted with HELO because EHLO was refused.</summary>
    public bool UsedHelo { get; private set; }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        if (!Listening)
        {
            return;
        }

        var line = Encoding.ASCII.GetString(buffer, offset, Math.Min(count, 16));
        var end = line.IndexOfAny([' ', '\r', '\n']);
        var verb = (end < 0 ? line : line[..end]).ToUpperInvariant();
        if (verb == "HELO" && LastCommand == "EHLO")
        {
            UsedHelo = true;
            EhloRefusal = LastReply;
        }

        LastCommand = verb;
        _reply.Clear();
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (Listening && _reply.Length < MaxReplyLength)
        {
            _reply.Append(Encoding.ASCII.GetString(buffer, offset, Math.Min(count, MaxReplyLength - _reply.Length)));
        }
    }

    /// <summary>The reply to the last command, on one line: <c>550 EHLO not supported</c>.</summary>
    public string LastReply => SmtpReplies.OneLine(_reply.ToString());

    public void Dispose()
    {
    }
}
