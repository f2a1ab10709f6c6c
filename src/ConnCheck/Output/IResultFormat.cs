using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// One output format writing to one stream. The pipeline feeds it every result as it completes —
/// already redacted, and one call at a time — then closes it with the run's summary.
/// </summary>
internal interface IResultFormat
{
    /// <summary>A result is known. A streaming format writes it now; the others keep it.</summary>
    void Add(CheckResult result);

    /// <summary>The run has ended: write whatever is left.</summary>
    void Close(RunSummary summary);
}
