using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

public sealed class NamePatternTests
{
    [Theory]
    [InlineData("tcp:db:5432", "tcp:db:5432", true)]
    [InlineData("tcp:db:5432", "tcp:db:54321", false)]
    [InlineData("tcp:db:5432", "tcp:db:543", false)]
    [InlineData("tcp:db:5432", "TCP:db:5432", false)]
    [InlineData("tcp:*", "tcp:db:5432", true)]
    [InlineData("tcp:*", "tcp:", true)]
    [InlineData("tcp:*", "tls:db:5432", false)]
    [InlineData("tcp:*", "redis:db:6379:tcp:db:6379", false)]
    [InlineData("*:5432", "tcp:db:5432", true)]
    [InlineData("*:5432", "postgres:db:5432", true)]
    [InlineData("*:5432", "tcp:db:54320", false)]
    [InlineData("*:connect", "redis:h:6379:connect", true)]
    [InlineData("*:connect", "redis:h:6379:connect with auth", false)]
    [InlineData("tcp:*:5432", "tcp:db:5432", true)]
    [InlineData("tcp:*:5432", "tcp::5432", true)]
    [InlineData("tcp:*:5432", "tcp:5432", false)]
    [InlineData("tcp:*:5432", "tcp:db:6432", false)]
    [InlineData("*db*", "tcp:db:5432", true)]
    [InlineData("*db*", "tcp:cache:11211", false)]
    [InlineData("*", "anything at all", true)]
    [InlineData("*", "", true)]
    [InlineData("**", "x", true)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("a*ab", "ab", false)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("*a*a*", "banana", true)]
    [InlineData("*x*x*", "x", false)]
    [InlineData("http:*:", "http:https://www.example.com/:", true)]
    [InlineData("tcp:[::1]:*", "tcp:[::1]:5432", true)]
    [InlineData("tcp:?b:5432", "tcp:db:5432", false)]
    [InlineData("tcp:[d]b:5432", "tcp:db:5432", false)]
    public void Matches_OneGlob_OnlyStarIsSpecial(string glob, string name, bool expected)
    {
        Assert.Equal(expected, new NamePattern([glob]).Matches(name));
    }

    [Fact]
    public void Matches_SeveralGlobs_MatchesTheirUnion()
    {
        var pattern = new NamePattern(["tcp:*", "*:connect"]);

        Assert.True(pattern.Matches("tcp:db:5432"));
        Assert.True(pattern.Matches("memcache:h:11211:connect"));
        Assert.False(pattern.Matches("tls:www:443"));
        Assert.False(pattern.MatchesAll);
    }

    [Fact]
    public void Matches_NoGlobs_MatchesEverything()
    {
        var pattern = new NamePattern([]);

        Assert.True(pattern.MatchesAll);
        Assert.True(pattern.Matches("tcp:db:5432"));
        Assert.True(pattern.Matches(""));
        Assert.True(NamePattern.All.Matches("udp:statsd:8125"));
    }

    [Theory]
    [InlineData("tcp:straße:1", "tcp:strasse:1")]
    [InlineData("tcp:ı:1", "tcp:i:1")]
    [InlineData("tcp:é:1", "tcp:e\u0301:1")]
    public void Matches_ComparesOrdinally(string glob, string name)
    {
        Assert.False(new NamePattern([glob]).Matches(name));
        Assert.False(new NamePattern([glob[..^1] + "*"]).Matches(name));
    }
}
