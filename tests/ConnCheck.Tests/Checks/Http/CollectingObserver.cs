using System.Collections.Concurrent;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>Keeps every result the runner reports, and passes everything on to <paramref name="next"/> when given one.</summary>
internal sealed class CollectingObserver(IResultObserver? next = null) : IResultObserver
{
    private readonly ConcurrentQueue<CheckResult> _results = new();

    public IReadOnlyList<CheckResult> Results => [.. _results];

    public void Started(string name, string? info) => next?.Started(name, info);

    public void Completed(CheckResult result)
    {
        _results.Enqueue(result);
        next?.Completed(result);
    }
}
