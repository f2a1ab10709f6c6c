namespace ConnCheck.Tests.Running;

/// <summary>A <see cref="Random"/> whose every draw is <paramref name="value"/>: jitter the tests can predict.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
