namespace ConnCheck.Running;

/// <summary>
/// A request from outside a run to end it now, such as SIGTERM: the runner ends it as it does at
/// --max-timeout, every unfinished check reported failed with the reason given (SPEC C6).
/// </summary>
internal sealed class Interruption
{
    // Never disposed: it holds no timer, and a signal may still arrive while the program ends.
    private readonly CancellationTokenSource _requested = new();
    private string? _reason;

    /// <summary>Cancelled once an interruption has been requested.</summary>
    public CancellationToken Token => _requested.Token;

    /// <summary>The reason of the first request (<c>interrupted by SIGTERM</c>), or null while there was none.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Requests the interruption; false when one had been requested already, and this one changes nothing.</summary>
    public bool Request(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null)
        {
            return false;
        }

        _requested.Cancel();
        return true;
    }
}
