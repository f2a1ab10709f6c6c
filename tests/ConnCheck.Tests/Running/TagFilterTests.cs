using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

public sealed class TagFilterTests
{
    private static readonly TestCheck Untagged = TestCheck.With(null, []);
    private static readonly TestCheck Db = TestCheck.With(null, ["db"]);
    private static readonly TestCheck DbPrimary = TestCheck.With(null, ["db", "primary"]);
    private static readonly TestCheck Web = TestCheck.With(null, ["web"]);

    [Fact]
    public void Keeps_NoFilter_KeepsEveryCheck()
    {
        Assert.All(new[] { Untagged, Db, DbPrimary, Web }, check => Assert.True(TagFilter.None.Keeps(check)));
        Assert.All(new[] { Untagged, Db, DbPrimary, Web }, check => Assert.True(TagFilter.Parse(null, null).Keeps(check)));
    }

    [Fact]
    public void Keeps_Include_KeepsOnlyChecksWithOneOfTheTags()
    {
        var filter = TagFilter.Parse("primary,web", null);

        Assert.False(filter.Keeps(Untagged));
        Assert.False(filter.Keeps(Db));
        Assert.True(filter.Keeps(DbPrimary));
        Assert.True(filter.Keeps(Web));
    }

    [Fact]
    public void Keeps_Exclude_DropsChecksWithAnyOfTheTags()
    {
        var filter = TagFilter.Parse(null, "primary,web");

        Assert.True(filter.Keeps(Untagged));
        Assert.True(filter.Keeps(Db));
        Assert.False(filter.Keeps(DbPrimary));
        Assert.False(filter.Keeps(Web));
    }

    [Theory]
    [InlineData(" db , web ")]
    [InlineData("db,,web,")]
    [InlineData(",db, web")]
    public void Parse_CommaListWithSpacesAndEmptyItems_GivesTheTags(string tags)
    {
        var filter = TagFilter.Parse(tags, null);

        Assert.Equal(["db", "web"], filter.Include.Order(StringComparer.Ordinal));
        Assert.Empty(filter.Exclude);
    }

    [Fact]
    public void Keeps_TagsDifferingInCase_DoNotMatch()
    {
        Assert.False(TagFilter.Parse("DB", null).Keeps(Db));
        Assert.True(TagFilter.Parse(null, "DB").Keeps(Db));
    }

    [Fact]
    public void Parse_OnlyCommasAndSpaces_FiltersNothing()
    {
        var filter = TagFilter.Parse(" , ", " ,");

        Assert.True(filter.Keeps(Untagged));
        Assert.True(filter.Keeps(Web));
    }
}
