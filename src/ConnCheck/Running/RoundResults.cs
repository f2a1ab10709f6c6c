using System.Collections.Concurrent;

namespace ConnCheck.Running;

/// <summary>
/// Keeps the results of one round of a wait, by sequence, so that only the last round of each check
/// is printed; starts are passed on (-v prints every rerun as it starts).
/// </summary>
internal sealed class RoundResults(IResultObserver starts) : IResultObserver
{
    private readonly ConcurrentDictionary<int, CheckResult> _results = new();

    public void Started(string name, string? info) => starts.Started(name, info);

    public void Started(string name, string? info, string? label) => starts.Started(name, info, label);

    public void Completed(CheckResult result)
    {
        // Every result the runner reports carries its subject; one made elsewhere has no place in a round.
        if (result.Subject is { } subject)
        {
            _results[subject.Sequence] = result;
        }
    }

    /// <summary>The results of <paramref name="check"/>'s subchecks, in order.</summary>
    public IReadOnlyList<CheckResult> Of(PlannedCheck check) =>
        Enumerable.Range(check.FirstSequence, check.Subchecks.Count)
            .Select(sequence => _results.TryGetValue(sequence, out var result) ? result : null)
            .OfType<CheckResult>()
            .ToList();
}
