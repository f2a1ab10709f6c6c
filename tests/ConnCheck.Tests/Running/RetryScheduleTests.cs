using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

public sealed class RetryScheduleTests
{
    [Fact]
    public void Next_NoJitter_GrowsByHalfUpToFiveSeconds()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(1), new FixedRandom(0));

        var pauses = Enumerable.Range(0, 7).Select(_ => schedule.Next().TotalSeconds).ToList();

        Assert.Equal([1, 1.5, 2.25, 3.375, 5, 5, 5], pauses);
    }

    [Fact]
    public void Next_MostJitter_TakesAFifthOff()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(1), new FixedRandom(1));

        var pauses = Enumerable.Range(0, 6).Select(_ => Math.Round(schedule.Next().TotalSeconds, 6)).ToList();

        Assert.Equal([0.8, 1.2, 1.8, 2.7, 4, 4], pauses);
    }

    [Fact]
    public void Next_SeededJitter_StaysWithinItsBoundsAndNeverAboveTheCap()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(0.5), new Random(42));
        var unjittered = new RetrySchedule(TimeSpan.FromSeconds(0.5), new FixedRandom(0));

        for (var i = 0; i < 50; i++)
        {
            var pause = schedule.Next();
            var full = unjittered.Next();
            Assert.InRange(pause, full * (1 - RetrySchedule.Jitter), full);
            Assert.True(pause <= RetrySchedule.MaxInterval);
        }
    }

    [Fact]
    public void Next_FirstIntervalAboveTheCap_StaysAtTheFirstInterval()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(8), new FixedRandom(0));

        Assert.Equal([8, 8, 8], Enumerable.Range(0, 3).Select(_ => schedule.Next().TotalSeconds));
    }
}
