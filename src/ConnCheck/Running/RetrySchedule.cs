namespace ConnCheck.Running;

/// <summary>
/// The pauses between reruns under --wait: the first interval, then half as long again each time, up to
/// <see cref="MaxInterval"/> (or the first interval, when that is longer). Each pause is shortened by up
/// to <see cref="Jitter"/> at random, so that many hosts gated on one service do not retry in step; it is
/// never lengthened, so that the bound a user reads in the help holds.
/// </summary>
internal sealed class RetrySchedule(TimeSpan first, Random random)
{
    /// <summary>The longest pause, for a first interval shorter than it.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);

    /// <summary>The largest share of a pause that jitter takes off.</summary>
    public const double Jitter = 0.2;

    private const double Growth = 1.5;

    private readonly TimeSpan _longest = first > MaxInterval ? first : MaxInterval;
    private TimeSpan _next = first;

    /// <summary>The next pause; each call moves the schedule on.</summary>
    public TimeSpan Next()
    {
        var interval = _next;
        _next = TimeSpan.FromTicks((long)Math.Min(_longest.Ticks, interval.Ticks * Growth));
        return interval * (1 - (Jitter * random.NextDouble()));
    }
}
