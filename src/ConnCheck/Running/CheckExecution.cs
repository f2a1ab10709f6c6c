using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>
/// Tracks how far one check has got, so that when --max-timeout strikes the runner can report the
/// subcheck in progress as failed and the rest as skipped — and drop anything the check reports
/// after that.
/// </summary>
internal sealed class CheckExecution(CheckDefinition check, IReadOnlyList<Subcheck> subchecks, IResultObserver observer, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _next;
    private long? _startedAt;
    private bool _sealed;

    public CheckDefinition Check { get; } = check;

    /// <summary>The subchecks that match the run's patterns, in order.</summary>
    public IReadOnlyList<Subcheck> Subchecks { get; } = subchecks;

    /// <summary>Marks the next subcheck as started; false once the run has been sealed.</summary>
    public bool TryStart(long timestamp)
    {
        lock (_gate)
        {
            if (_sealed)
            {
                return false;
            }

            _startedAt = timestamp;
            var subcheck = Subchecks[_next];
            observer.Started(subcheck.Name, subcheck.Info);
            return true;
        }
    }

    /// <summary>Reports the next subcheck's result; false once the run has been sealed.</summary>
    public bool TryComplete(CheckResult result)
    {
        lock (_gate)
        {
            if (_sealed)
            {
                return false;
            }

            _next++;
            _startedAt = null;
            observer.Completed(result);
            return true;
        }
    }

    /// <summary>Ends the check where it stands: the current subcheck fails with <paramref name="message"/>, the rest are skipped.</summary>
    public void Seal(string message)
    {
        lock (_gate)
        {
            if (_sealed)
            {
                return;
            }

            _sealed = true;
            if (_next >= Subchecks.Count)
            {
                return;
            }

            var current = Subchecks[_next];
            var duration = _startedAt is { } started ? time.GetElapsedTime(started) : TimeSpan.Zero;
            observer.Completed(new CheckResult(current.Name, current.Info, ResultStatus.Failed, duration, message));
            foreach (var rest in Subchecks.Skip(_next + 1))
            {
                observer.Completed(CheckResult.Skipped(rest.Name, rest.Info));
            }
        }
    }
}
