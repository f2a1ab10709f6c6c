using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

public sealed class OpenFileLimitTests
{
    [Theory]
    [InlineData(null, 256)]
    [InlineData(0L, 1)]
    [InlineData(10L, 1)]
    [InlineData(64L, 1)]
    [InlineData(68L, 2)]
    [InlineData(1024L, 480)]
    [InlineData(8256L, 4096)]
    [InlineData(1_048_576L, 4096)]
    [InlineData(long.MaxValue, 4096)]
    public void DefaultConcurrency_SoftLimit_LeavesRoomForTwoFilesPerCheckWithinBounds(long? softLimit, int expected)
    {
        Assert.Equal(expected, OpenFileLimit.DefaultConcurrency(softLimit));
    }

    [Fact]
    public void DefaultConcurrency_AnyLimit_IsAtLeastOne()
    {
        Assert.All(new long?[] { -1, 1, 65, 66, 4_000_000_000 }, limit => Assert.InRange(OpenFileLimit.DefaultConcurrency(limit), 1, 4096));
    }
}
