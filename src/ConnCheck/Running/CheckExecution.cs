using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>
/// Tracks how far one check has got, so that when --max-timeout or a signal strikes the runner can
/// report the subcheck in progress as failed and the rest as skipped — and drop anything the check
/// reports after that.
/// </summary>
internal sealed class CheckExecution(PlannedCheck planned, TimeSpan timeout, IResultObserver observer, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _next;
    private long? _startedAt;
    private bool _sealed;

    public CheckDefinition Check => planned.Check;

    /// <summary>The subchecks that match the run's patterns, in order.</summary>
    public IReadOnlyList<Subcheck> Subchecks => planned.Subchecks;

    /// <summary>The check's timeout: its own, else the run's default.</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>What the result of subcheck <paramref name="index"/> is about.</summary>
    public ResultSubject SubjectOf(int index)
    {
        var common = Check.Common;
        var endpoint = Subchecks[index].Endpoint;
        return new ResultSubject(common.Type, common.Label, common.Tags, common.Position.Line, endpoint?.Host, endpoint?.Port, Timeout, planned.FirstSequence + index);
    }

    /// <summary>Subcheck <paramref name="index"/> as skipped.</summary>
    public CheckResult Skipped(int index) =>
        CheckResult.Skipped(Subchecks[index].Name, Subchecks[index].Info) with { Subject = SubjectOf(index) };

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
            observer.Started(subcheck.Name, subcheck.Info, Check.Common.Label);
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

    /// <summary>
    /// Ends the check where it stands: the current subcheck fails at <paramref name="stage"/> with
    /// <paramref name="message"/>, the rest are skipped.
    /// </summary>
    public void Seal(FailureStage stage, string message)
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
            observer.Completed(new CheckResult(current.Name, current.Info, ResultStatus.Failed, duration, message)
            {
                Subject = SubjectOf(_next),
                Stage = stage,
            });
            for (var rest = _next + 1; rest < Subchecks.Count; rest++)
            {
                observer.Completed(Skipped(rest));
            }
        }
    }
}
