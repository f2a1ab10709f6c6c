namespace ConnCheck.Checks;

/// <summary>
/// The timeout a driver with clocks of its own gets from its check (<see cref="CheckContext.TimeoutForDriver"/>):
/// the time the check has left plus <see cref="Margin"/>, in the unit the driver takes.
/// </summary>
/// <remarks>
/// The check's token fires at the deadline and is the bound: the runner then reports the timeout at
/// the stage the check had reached, in the words of every other check. A driver's clocks are only the
/// backstop for the waits it does not let the token end (Npgsql and MySqlConnector take it only while
/// connecting, a driver's background monitor never), so they must not fire before the token — a
/// driver giving up early would fail the check before its timeout, in the driver's words — and must
/// not hold a connection long after it. The margin is what keeps the token first on a loaded machine,
/// where timer callbacks run late. Outside a check (no deadline) a driver gets <see cref="Unbounded"/>,
/// and its token alone bounds it.
/// </remarks>
internal readonly record struct DriverTimeout
{
    /// <summary>How long after the check's deadline a driver's own clocks fire.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.5);

    /// <summary>A driver's timeout outside a check, where its token is the only bound.</summary>
    public static readonly TimeSpan Unbounded = TimeSpan.FromHours(1);

    /// <summary>The timeout for a driver when the check has <paramref name="remaining"/> left (null: outside a check).</summary>
    public DriverTimeout(TimeSpan? remaining) => Value = remaining is { } left ? left + Margin : Unbounded;

    /// <summary>The timeout, for drivers that take a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Value { get; }

    /// <summary>
    /// The timeout in milliseconds, rounded up (never early), for drivers that take an <see cref="int"/>;
    /// at most <see cref="int.MaxValue"/>.
    /// </summary>
    public int Milliseconds => (int)Math.Min(int.MaxValue, Math.Ceiling(Value.TotalMilliseconds));

    /// <summary>
    /// The timeout in whole seconds, rounded up (never early), for drivers that take seconds (Npgsql,
    /// MySqlConnector); at most <paramref name="max"/>, the most the driver accepts.
    /// </summary>
    public int Seconds(int max) => (int)Math.Min(max, Math.Ceiling(Value.TotalSeconds));
}
