namespace ConnCheck.Tests;

public sealed class PrintableTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("a\nb\tc\r", "'a\\nb\\tc\\r'")]
    [InlineData("\u001b[31mred", "'\\u001B[31mred'")]
    [InlineData("left\u202Eright", "'left\\u202Eright'")]
    public void Quote_Value_IsEscaped(string value, string expected)
    {
        Assert.Equal(expected, Printable.Quote(value));
    }

    [Fact]
    public void Quote_LongValue_IsShortenedTo80Characters()
    {
        Assert.Equal($"'{new string('x', 80)}...'", Printable.Quote(new string('x', 5000)));
    }
}
