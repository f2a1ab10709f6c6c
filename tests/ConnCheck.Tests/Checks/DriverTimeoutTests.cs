using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Checks;

/// <summary>Every driver's timeout comes from the time its check has left, by one rule: that time plus a margin, never less.</summary>
public sealed class DriverTimeoutTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TimeoutForDriver_CheckJustStarted_TheWholeTimeoutPlusTheMargin()
    {
        var context = Context().ForCheck(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(10.5), context.TimeoutForDriver().Value);
    }

    [Fact]
    public void TimeoutForDriver_PartOfTheTimeSpent_TheTimeLeftPlusTheMargin()
    {
        var context = Context().ForCheck(TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(3.25));

        Assert.Equal(TimeSpan.FromSeconds(6.75) + DriverTimeout.Margin, context.TimeoutForDriver().Value);
    }

    [Fact]
    public void TimeoutForDriver_PastTheDeadline_TheMarginAlone()
    {
        var context = Context().ForCheck(TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(DriverTimeout.Margin, context.TimeoutForDriver().Value);
    }

    [Fact]
    public void TimeoutForDriver_OutsideACheck_Unbounded()
    {
        Assert.Equal(DriverTimeout.Unbounded, Context().TimeoutForDriver().Value);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.4, 1)]
    [InlineData(0.5, 1)]
    [InlineData(0.501, 2)]
    [InlineData(1.0, 2)]
    [InlineData(9.7, 11)]
    [InlineData(10.0, 11)]
    public void Seconds_TimeLeft_RoundedUpNeverBeforeTheDeadline(double left, int expected)
    {
        var seconds = new DriverTimeout(TimeSpan.FromSeconds(left)).Seconds(max: 1024);

        Assert.Equal(expected, seconds);
        Assert.True(seconds > left, $"{seconds} s would fire before the check's {left} s");
    }

    [Fact]
    public void Seconds_MoreThanTheDriverTakes_TheDriversMaximum()
    {
        Assert.Equal(1024, new DriverTimeout(TimeSpan.FromHours(2)).Seconds(max: 1024));
        Assert.Equal(1024, new DriverTimeout(null).Seconds(max: 1024));
    }

    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(1.0, 1500)]
    [InlineData(0.0004, 501)]
    public void Milliseconds_TimeLeft_RoundedUp(double left, int expected)
    {
        Assert.Equal(expected, new DriverTimeout(TimeSpan.FromSeconds(left)).Milliseconds);
    }

    [Fact]
    public void Milliseconds_OutsideACheck_AnHour()
    {
        Assert.Equal(3_600_000, new DriverTimeout(null).Milliseconds);
    }

    private CheckContext Context() => new(SystemHostResolver.Instance, new TlsTrust(null), _time);
}
