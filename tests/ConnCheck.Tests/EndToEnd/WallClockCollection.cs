namespace ConnCheck.Tests.EndToEnd;

/// <summary>Tests that assert wall time run after the parallel ones, one at a time.</summary>
[CollectionDefinition(nameof(WallClockCollection), DisableParallelization = true)]
public sealed class WallClockCollection;
