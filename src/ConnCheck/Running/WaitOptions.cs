namespace ConnCheck.Running;

/// <summary>--wait: rerun the checks that fail until all pass or <paramref name="Bound"/> is reached (SPEC C5).</summary>
/// <param name="Bound">The hard bound on the whole wait, as --max-timeout bounds a run.</param>
internal sealed record WaitOptions(TimeSpan Bound)
{
    /// <summary>The default first pause between reruns (--retry-interval).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>The first pause between reruns (--retry-interval); later ones grow from it.</summary>
    public TimeSpan FirstInterval { get; init; } = DefaultInterval;

    /// <summary>The source of the pauses' jitter; tests give a seeded or fixed one.</summary>
    public Random Random { get; init; } = Random.Shared;
}
