using System.Diagnostics;

namespace ConnCheck.Tests.Running;

/// <summary>Waits, within a bound, for other threads to bring the runner to a state a test needs.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Bound)
            {
                Assert.Fail($"gave up after {Bound.TotalSeconds} s waiting until {what}");
            }

            await Task.Delay(2);
        }
    }

    /// <summary>Awaits a task that should already be done or about to be; fails rather than hang.</summary>
    public static async Task CompletesAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} did not complete within {Bound.TotalSeconds} s");
        }
    }
}
