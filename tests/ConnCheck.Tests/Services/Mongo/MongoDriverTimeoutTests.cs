using ConnCheck.Services.Mongo;

namespace ConnCheck.Tests.Services.Mongo;

public sealed class MongoDriverTimeoutTests
{
    [Theory]
    [InlineData(10_000, 9_750)] // a tenth is more than the largest margin
    [InlineData(2_000, 1_800)] // a tenth
    [InlineData(300, 250)] // a tenth is less than the smallest margin
    [InlineData(40, 10)] // too little left for any margin: the driver's smallest timeout
    public void DriverTimeout_TimeLeft_EndsShortlyBeforeTheCheck(int remainingMs, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), MongoConnector.DriverTimeout(TimeSpan.FromMilliseconds(remainingMs)));
    }
}
