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
        var result = _expander.Expand(value, [], out var problem);

        Assert.Null(problem);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Expand_Variables_ReportsEachSubstitutedValueButNotDefaults()
    {
        var substituted = new List<string>();

        _expander.Expand("${USER_NAME}/${MISSING:-x}/${PASSWORD}", substituted, out _);

        Assert.Equal(["alice", "correct horse"], substituted);
    }

    [Theory]
    [InlineData("${MISSING}", "environment variable MISSING is not set (use ${MISSING:-default} to give a default)")]
    [InlineData("${USER_NAME", "unterminated '${' (write '$$' for a literal '$')")]
    [InlineData("${}", "'' is not a valid environment variable name in '${...}'")]
    [InlineData("${A-B}", "'A-B' is not a valid environment variable name in '${...}'")]
    [InlineData("${9LIVES}", "'9LIVES' is not a valid environment variable name in '${...}'")]
    public void Expand_BadReference_ReportsTheProblem(string value, string expected)
    {
        _expander.Expand(value, [], out var problem);

        Assert.Equal(expected, problem);
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

        expander.Expand("${Db_Host:-x}", [], out _);

        Assert.Equal(["Db_Host"], asked);
    }
}
