using ConnCheck.Output;

namespace ConnCheck.Tests.Output;

public sealed class RedactorTests
{
    [Fact]
    public void Redact_Secret_IsReplacedWithStarsEverywhere()
    {
        var redactor = new Redactor(["s3cret"]);

        Assert.Equal("user:***@host and *** again", redactor.Redact("user:s3cret@host and s3cret again"));
    }

    [Fact]
    public void Redact_OverlappingSecrets_MasksTheLongestFirst()
    {
        var redactor = new Redactor(["abc", "abcdef"]);

        Assert.Equal("*** and ***", redactor.Redact("abcdef and abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    public void Redact_SecretShorterThanThreeCharacters_IsLeftAlone(string secret)
    {
        var redactor = new Redactor([secret]);

        Assert.Equal("tcp:ab:1 a b", redactor.Redact("tcp:ab:1 a b"));
    }

    [Fact]
    public void Redact_SecretOfThreeCharacters_IsMasked()
    {
        Assert.Equal("tcp:***:1", new Redactor(["abc"]).Redact("tcp:abc:1"));
    }

    [Fact]
    public void Redact_IsCaseSensitive()
    {
        Assert.Equal("HUNTER2 ***", new Redactor(["hunter2"]).Redact("HUNTER2 hunter2"));
    }

    [Fact]
    public void Redact_None_ChangesNothing()
    {
        Assert.Equal("tcp:db:5432 OK", Redactor.None.Redact("tcp:db:5432 OK"));
    }

    [Fact]
    public void Redact_DuplicateSecrets_AreHarmless()
    {
        Assert.Equal("*** ***", new Redactor(["pass1", "pass1"]).Redact("pass1 pass1"));
    }
}
