using ConnCheck.Configuration;

namespace ConnCheck.Tests.Configuration;

public sealed class EnvironmentExpanderTests
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["USER_NAME"] = "alice",
        ["PASSWORD"] = "correct horse",
        ["EMPTY"] = "",
        ["_UNDERSCORED1"] = "u",
    };

    private readonly EnvironmentExpander _expander = new(name => Values.GetValueOrDefault(name));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${USER_NAME}", "alice")]
    [InlineData("${USER_NAME}:${PASSWORD}@host", "alice:correct horse@host")]
    [InlineData("${_UNDERSCORED1}", "u")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${MISSING:-}", "")]
    [InlineData("${MISSING:-a:-b}", "a:-b")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY}", "")]
    [InlineData("$$", "$")]
    [InlineData("$$$$", "$$")]
    [InlineData("$${USER_NAME}", "${USER_NAME}")]
    [InlineData("$$${USER_NAME}", "$alice")]
    [InlineData("$", "$")]
    [InlineData("a$", "a$")]
    [InlineData("$USER_NAME", "$USER_NAME")]
    [InlineData("100$ }", "100$ }")]
    public void Expand_Value_GivesTheExpectedText(string value, string expected)
    {
        var result = _expander.Expand(value, secret: false, out var problem);

        Assert.Null(problem);
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("${MISSING}", "environment variable MISSING is not set (use ${MISSING:-default} to give a default)")]
    [InlineData("${USER_NAME", "unterminated '${' (write '$$' for a literal '$')")]
    [InlineData("${}", "'' is not a valid environment variable name in '${...}' (write '$$' for a literal '$')")]
    [InlineData("${A-B}", "'A-B' is not a valid environment variable name in '${...}' (write '$$' for a literal '$')")]
    [InlineData("${9LIVES}", "'9LIVES' is not a valid environment variable name in '${...}' (write '$$' for a literal '$')")]
    public void Expand_BadReference_ReportsTheProblem(string value, string expected)
    {
        _expander.Expand(value, secret: false, out var problem);

        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("pa${Secr3t/x}ss")]
    [InlineData("${hunter 2}")]
    public void Expand_BadReferenceInASecret_QuotesNothingOfIt(string value)
    {
        // Between the braces may be the password itself, written with a '$' in it.
        _expander.Expand(value, secret: true, out var problem);

        Assert.NotNull(problem);
        Assert.DoesNotContain("Secr3t", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_UnsetVariable_LooksTheNameUpExactly()
    {
        var asked = new List<string>();
        var expander = new EnvironmentExpander(name =>
        {
            asked.Add(name);
            return null;
        });

        expander.Expand("${Db_Host:-x}", secret: false, out _);

        Assert.Equal(["Db_Host"], asked);
    }
}
