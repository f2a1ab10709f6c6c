using ConnCheck.Output;
using ConnCheck.Running;

namespace ConnCheck.Tests.Output;

public sealed class ResultOrderingTests
{
    [Theory]
    [InlineData("tcp:db.example.com:5432", "tcp:db.example.com:")]
    [InlineData("tls:www.example.com:443", "tls:www.example.com:")]
    [InlineData("tcp:[::1]:5432", "tcp:[::1]:")]
    [InlineData("tcp:[2001:db8::1]:443", "tcp:[2001:db8::1]:")]
    [InlineData("redis:cache:6379:tcp:cache:6379", "redis:cache:")]
    [InlineData("memcache:[::1]:11211:connect", "memcache:[::1]:")]
    [InlineData("postgres:db:5432", "postgres:db:")]
    [InlineData("no-colon-at-all", "no-colon-at-all")]
    [InlineData("tcp:host-without-port", "tcp:host-without-port")]
    [InlineData("tcp:[::1]", "tcp:[::1]")]
    [InlineData("tcp:[::1", "tcp:[::1")]
    [InlineData("tcp:", "tcp:")]
    public void DestinationKey_Name_IsTheNameUpToAndIncludingItsHost(string name, string expected)
    {
        Assert.Equal(expected, ResultOrdering.DestinationKey(name));
    }

    [Fact]
    public void Order_MixedResults_FailuresThenSuccessesThenSkips()
    {
        var items = new[]
        {
            ("tcp:b:1", ResultStatus.Skipped),
            ("tcp:c:1", ResultStatus.Ok),
            ("tcp:d:1", ResultStatus.Failed),
            ("tcp:a:1", ResultStatus.Ok),
            ("tcp:e:1", ResultStatus.Skipped),
            ("tcp:f:1", ResultStatus.Failed),
        };

        var ordered = ResultOrdering.Order(items, i => i.Item2, i => i.Item1, i => i.Item1).Select(i => $"{i.Item2} {i.Item1}");

        Assert.Equal(
            ["Failed tcp:d:1", "Failed tcp:f:1", "Ok tcp:a:1", "Ok tcp:c:1", "Skipped tcp:b:1", "Skipped tcp:e:1"],
            ordered);
    }

    [Fact]
    public void Order_SameDestination_IsGroupedAndSortedWithinTheGroup()
    {
        var names = new[]
        {
            "tcp:db:6432",
            "tcp:[::1]:5432",
            "tcp:cache:11211",
            "tcp:db:5432",
            "tcp:[::1]:443",
            "tcp:cache:11212",
        };

        var ordered = ResultOrdering.Order(names, _ => ResultStatus.Ok, n => n, n => n);

        Assert.Equal(["tcp:[::1]:443", "tcp:[::1]:5432", "tcp:cache:11211", "tcp:cache:11212", "tcp:db:5432", "tcp:db:6432"], ordered);
    }

    [Fact]
    public void Order_NamesDifferingInCaseAndPunctuation_SortsOrdinallyNotByCulture()
    {
        // Culture-aware sorting would put "alpha" before "Zeta" and ignore '-' and '_'; byte order does not.
        var names = new[] { "tcp:alpha:1", "tcp:ab:1", "tcp:a_b:1", "tcp:Zeta:1", "tcp:a-b:1", "tcp:Alpha:1" };

        var ordered = ResultOrdering.Order(names, _ => ResultStatus.Failed, n => n, n => n);

        Assert.Equal(["tcp:Alpha:1", "tcp:Zeta:1", "tcp:a-b:1", "tcp:a_b:1", "tcp:ab:1", "tcp:alpha:1"], ordered);
    }

    [Fact]
    public void Order_Skips_AreSortedOrdinally()
    {
        var names = new[] { "udp:b:1", "tcp:b:1", "Tcp:a:1", "tcp:a-1:1" };

        var ordered = ResultOrdering.Order(names, _ => ResultStatus.Skipped, n => n, n => $"SKIPPED: {n}");

        Assert.Equal(["Tcp:a:1", "tcp:a-1:1", "tcp:b:1", "udp:b:1"], ordered);
    }

    [Fact]
    public void Order_SameDestinationAcrossTypes_GroupsByTheWholeKey()
    {
        // The key includes the type, so a host's tcp and tls results are separate groups.
        var names = new[] { "tls:db:443", "tcp:db:5432", "tcp:web:80", "tls:api:443" };

        var ordered = ResultOrdering.Order(names, _ => ResultStatus.Ok, n => n, n => n);

        Assert.Equal(["tcp:db:5432", "tcp:web:80", "tls:api:443", "tls:db:443"], ordered);
    }
}
