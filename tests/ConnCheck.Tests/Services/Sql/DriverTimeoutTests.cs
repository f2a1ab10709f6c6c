using ConnCheck.Services.Sql;

namespace ConnCheck.Tests.Services.Sql;

public sealed class DriverTimeoutTests
{
    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.4, 1)]
    [InlineData(0.5, 1)]
    [InlineData(0.51, 2)]
    [InlineData(1.0, 2)]
    [InlineData(9.7, 11)]
    [InlineData(10.0, 11)]
    public void Seconds_TimeLeft_RoundedUpPastTheCheckToken(double left, int expected)
    {
        Assert.Equal(expected, DriverTimeout.Seconds(TimeSpan.FromSeconds(left), max: 1024));
    }

    [Fact]
    public void Seconds_MoreThanTheDriverTakes_TheDriverMaximum()
    {
        Assert.Equal(1024, DriverTimeout.Seconds(TimeSpan.FromHours(2), max: 1024));
    }

    [Fact]
    public void Seconds_OutsideACheck_TheDriverMaximum()
    {
        Assert.Equal(1024, DriverTimeout.Seconds(null, max: 1024));
    }
}
