using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using ConnCheck.Running;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

/// <summary>Subchecks see how much of their check's timeout is left, to set drivers' own timeouts from it.</summary>
public sealed class CheckRunnerDeadlineTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly List<TimeSpan?> _seen = [];

    [Fact]
    public async Task RunAsync_Subchecks_SeeTheTimeLeftOfTheWholeCheck()
    {
        var check = TestCheck.With(TimeSpan.FromSeconds(10), [], Takes("a:1", TimeSpan.FromSeconds(3)), Takes("a:2", TimeSpan.Zero));

        var run = TestRunner.Create(_time).RunAsync([check], new RunOptions(), _observer);
        await Eventually.HoldsAsync(() => Seen == 1, "a:1 has started");
        _time.Advance(TimeSpan.FromSeconds(3));
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(7)], _seen);
    }

    [Fact]
    public async Task RunAsync_NoTimeoutInTheCheck_TheDefaultTimeoutIsLeft()
    {
        var check = TestCheck.Of(Takes("a:1", TimeSpan.Zero));

        await TestRunner.Create(_time).RunAsync([check], new RunOptions { DefaultTimeout = TimeSpan.FromSeconds(2.5) }, _observer);

        Assert.Equal([TimeSpan.FromSeconds(2.5)], _seen);
    }

    [Fact]
    public void Remaining_OutsideACheck_Null()
    {
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), _time);

        Assert.Null(context.Remaining);
    }

    [Fact]
    public void Remaining_PastTheDeadline_Zero()
    {
        var context = new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), _time).ForCheck(TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.Zero, context.Remaining);
    }

    private int Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Notes the time left when it starts, then waits <paramref name="duration"/> on the fake clock.</summary>
    private Subcheck Takes(string name, TimeSpan duration) => new(name, null, async (context, cancellationToken) =>
    {
        lock (_seen)
        {
            _seen.Add(context.Remaining);
        }

        if (duration > TimeSpan.Zero)
        {
            await Task.Delay(duration, _time, cancellationToken);
        }
    });
}
