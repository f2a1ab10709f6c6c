using ConnCheck.Configuration;
using ConnCheck.Secrets;

namespace ConnCheck.Tests.Secrets;

public sealed class SecretTests
{
    [Fact]
    public void ToString_AnywhereItEndsUp_IsTheMask()
    {
        var secret = new Secret("hunter2");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("password ***", $"password {secret}");
        Assert.Equal("hunter2", secret.Reveal());
    }

    [Fact]
    public void Record_HoldingASecret_PrintsTheMask()
    {
        var configuration = ConfigurationLoader.Load("- type: http\n  url: http://api/\n  auth: [app, hunter2]\n", "t.yaml");

        Assert.DoesNotContain("hunter2", Assert.Single(configuration.Checks).ToString(), StringComparison.Ordinal);
        Assert.Contains("hunter2", configuration.Secrets);
    }

    [Fact]
    public void Equals_SameValue_IsEqual()
    {
        Assert.Equal(new Secret("a"), new Secret("a"));
        Assert.NotEqual(new Secret("a"), new Secret("b"));
    }
}
