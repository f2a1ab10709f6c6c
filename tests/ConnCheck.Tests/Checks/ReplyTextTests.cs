using System.Text;
using ConnCheck.Checks;
using ConnCheck.Secrets;

namespace ConnCheck.Tests.Checks;

public sealed class ReplyTextTests
{
    [Fact]
    public void Shorten_LongReply_ShowsTheStartEscapedAndTheLength()
    {
        var reply = Encoding.ASCII.GetBytes("ERR \"x\"\r\n" + new string('a', 100));

        Assert.Equal("\"ERR \\\"x\\\"\\r\\n" + new string('a', 39) + "\"... (109 bytes)", ReplyText.Shorten(reply, Redactor.None));
    }

    [Fact]
    public void Shorten_SecretAcrossTheCut_IsMaskedWholeBeforeShortening()
    {
        // Shortened first, the secret's first half would be shown and escape masking.
        var secret = "Secret-" + new string('z', 60);
        var reply = Encoding.ASCII.GetBytes($"-ERR unknown command 'AUTH', with args beginning with: '{secret}'");

        var shown = ReplyText.Shorten(reply, new Redactor([secret]));

        Assert.DoesNotContain("Secret-", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("zzz", shown, StringComparison.Ordinal);
        Assert.StartsWith("\"-ERR unknown command 'AUTH', with args beginning", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Shorten_NonAsciiSecretInUtf8_IsMasked()
    {
        var reply = Encoding.UTF8.GetBytes("-WRONGPASS 'pässwörd' rejected");

        Assert.Equal("\"-WRONGPASS '***' rejected\"", ReplyText.Shorten(reply, new Redactor(["pässwörd"])));
    }

    [Fact]
    public void Shorten_SecretInUpperCase_IsMasked()
    {
        Assert.Equal("\"-ERR HUNTER2-X\"", ReplyText.Shorten("-ERR HUNTER2-X"u8, new Redactor(["hunter2"])));
        Assert.Equal("\"-ERR ***\"", ReplyText.Shorten("-ERR HUNTER2"u8, new Redactor(["hunter2"])));
    }
}
