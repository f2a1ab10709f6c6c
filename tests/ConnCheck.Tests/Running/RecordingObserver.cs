using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

/// <summary>Keeps every event the runner reports, in order; safe to call from many threads.</summary>
internal sealed class RecordingObserver : IResultObserver
{
    private readonly Lock _gate = new();
    private readonly List<string> _started = [];
    private readonly List<CheckResult> _completed = [];

    public IReadOnlyList<string> StartedNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    public IReadOnlyList<CheckResult> Results
    {
        get
        {
            lock (_gate)
            {
                return [.. _completed];
            }
        }
    }

    public void Started(string name, string? info)
    {
        lock (_gate)
        {
            _started.Add(name);
        }
    }

    public void Completed(CheckResult result)
    {
        lock (_gate)
        {
            _completed.Add(result);
        }
    }

    public CheckResult ResultOf(string name) => Assert.Single(Results, r => r.Name == name);

    /// <summary>Each result as <c>NAME STATUS</c> (and the message of failures), in the order reported.</summary>
    public IReadOnlyList<string> Summary() =>
        Results.Select(r => r.Status == ResultStatus.Failed ? $"{r.Name} {r.Status}: {r.Message}" : $"{r.Name} {r.Status}").ToList();
}
