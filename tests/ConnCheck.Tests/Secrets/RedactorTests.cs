using ConnCheck.Secrets;

namespace ConnCheck.Tests.Secrets;

public sealed class RedactorTests
{
    [Fact]
    public void Redact_SecretAsWholeToken_IsReplacedWithStarsEverywhere()
    {
        var redactor = new Redactor(["s3cret"]);

        Assert.Equal("password '***' and *** again", redactor.Redact("password 's3cret' and s3cret again"));
    }

    [Theory]
    [InlineData("postgres", "postgres:db:5432 refused")]
    [InlineData("tcp", "tcp:db:5432")]
    [InlineData("localhost", "connect to tcp:localhost:5432 refused")]
    [InlineData("db", "postgres:db:5432")]
    [InlineData("secret", "the-secret-store said no")]
    [InlineData("abc", "abcdef")]
    public void Redact_SecretInsideALongerToken_IsLeftAlone(string secret, string text)
    {
        // Masking there would change what names and addresses say, and next to the unmasked name reveal the secret.
        Assert.Equal(text, new Redactor([secret]).Redact(text));
    }

    [Theory]
    [InlineData("hunter2", "wrong password: hunter2.", "wrong password: ***.")]
    [InlineData("hunter2", "Password=hunter2;Host=db", "Password=***;Host=db")]
    [InlineData("hunter2", "args: 'AUTH' 'hunter2'", "args: 'AUTH' '***'")]
    [InlineData("hunter2", "(hunter2)", "(***)")]
    [InlineData("hunter2", "hunter2", "***")]
    [InlineData("Bearer t0ken-xyz", "sent Authorization: Bearer t0ken-xyz\nthen", "sent Authorization: ***\nthen")]
    [InlineData("p@ss:word", "login p@ss:word failed", "login *** failed")]
    [InlineData("hunter2", "login as admin:hunter2 refused", "login as admin:*** refused")]
    [InlineData("hunter2", "amqp://admin:hunter2@mq/", "amqp://admin:***@mq/")]
    public void Redact_SecretStandingAlone_IsMasked(string secret, string text, string expected)
    {
        Assert.Equal(expected, new Redactor([secret]).Redact(text));
    }

    [Fact]
    public void Redact_SecretInAnotherCase_IsMasked()
    {
        // Servers echo what they were sent in their own case (Redis upper-cases some replies).
        Assert.Equal("ERR *** ***", new Redactor(["hunter2"]).Redact("ERR HUNTER2 hunter2"));
    }

    [Fact]
    public void Redact_OverlappingSecrets_MasksTheLongestFirst()
    {
        var redactor = new Redactor(["abc", "abc def"]);

        Assert.Equal("*** and ***", redactor.Redact("abc def and abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    public void Redact_SecretShorterThanThreeCharacters_IsLeftAlone(string secret)
    {
        var redactor = new Redactor([secret]);

        Assert.Equal("tcp:ab:1 a b ab", redactor.Redact("tcp:ab:1 a b ab"));
    }

    [Fact]
    public void Redact_NonAsciiSecret_IsMaskedAlsoAsRawUtf8Bytes()
    {
        // How a peer's reply is shown: one character per byte.
        var raw = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes("pässwörd"));

        Assert.Equal("got *** and ***", new Redactor(["pässwörd"]).Redact($"got pässwörd and {raw}"));
    }

    [Fact]
    public void Redact_None_ChangesNothing()
    {
        Assert.Equal("tcp:db:5432 OK", Redactor.None.Redact("tcp:db:5432 OK"));
    }

    [Fact]
    public void Redact_DuplicateSecrets_AreHarmless()
    {
        Assert.Equal("*** ***", new Redactor(["pass1", "PASS1", "pass1"]).Redact("pass1 pass1"));
    }

    [Fact]
    public void With_AnotherRedactor_MasksBothSecretsInAllTheirForms()
    {
        var raw = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes("pässwörd"));
        var both = new Redactor(["hunter2"]).With(new Redactor(["pässwörd"]));

        Assert.Equal("*** *** ***", both.Redact($"HUNTER2 pässwörd {raw}"));
        Assert.Same(both, both.With(Redactor.None));
    }
}
