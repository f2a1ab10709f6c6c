using ConnCheck.Configuration;

namespace ConnCheck.Tests.Configuration;

/// <summary>Which unknown option is a near miss of a known one, and which is left alone.</summary>
public sealed class NearMissTests
{
    private static readonly string[] Known = ["host", "port", "timeout", "tags", "name", "password", "username", "use_tls", "vhost", "url", "auth", "sslmode", "verify_tls"];

    [Theory]
    [InlineData("timout", "timeout")]
    [InlineData("timeuot", "timeout")]
    [InlineData("Timeout", "timeout")]
    [InlineData("TIME_OUT", "timeout")]
    [InlineData("pasword", "password")]
    [InlineData("passwrd", "password")]
    [InlineData("user_name", "username")]
    [InlineData("use_ssl", "use_tls")]
    [InlineData("ssl_mode", "sslmode")]
    [InlineData("tag", "tags")]
    [InlineData("hsot", "host")]
    [InlineData("ports", "port")]
    [InlineData("verify_tsl", "verify_tls")]
    public void Find_NearMiss_TheOptionMeant(string written, string meant)
    {
        Assert.Equal(meant, NearMiss.Find(written, Known));
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("colour")]
    [InlineData("path")]
    [InlineData("ur")]
    [InlineData("uri")]
    [InlineData("hostname")]
    [InlineData("timeout_seconds")]
    [InlineData("ssl")]
    [InlineData("user")]
    public void Find_OtherUnknownOption_Null(string written)
    {
        // path is two edits from auth, uri one from url: too short to tell a typo from another word.
        Assert.Null(NearMiss.Find(written, Known));
    }

    [Fact]
    public void Find_Tie_TheFirstInOrdinalOrder()
    {
        Assert.Equal("abcd", NearMiss.Find("abce", ["abcf", "abcd"]));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("timeout", "timeout", 0)]
    [InlineData("timout", "timeout", 1)]
    [InlineData("tiemout", "timeout", 1)]
    [InlineData("pasword", "password", 1)]
    [InlineData("use_ssl", "use_tls", 2)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_Edits(string a, string b, int expected)
    {
        Assert.Equal(expected, NearMiss.Distance(a, b));
    }
}
