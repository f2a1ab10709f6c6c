namespace ConnCheck.Tests.Running;

/// <summary>
/// Records which subchecks have got going and which have ended. A subcheck enters only once any timer it
/// needs exists, so a test that waits for it may advance the fake clock without racing the runner.
/// </summary>
internal sealed class Probe
{
    private readonly Lock _gate = new();
    private readonly List<string> _entered = [];
    private readonly List<string> _exited = [];
    private int _inFlight;
    private int _peak;

    public IReadOnlyList<string> Entered
    {
        get
        {
            lock (_gate)
            {
                return [.. _entered];
            }
        }
    }

    public IReadOnlyList<string> Exited
    {
        get
        {
            lock (_gate)
            {
                return [.. _exited];
            }
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Peak => Volatile.Read(ref _peak);

    public void Enter(string name)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }

        lock (_gate)
        {
            _entered.Add(name);
        }
    }

    public void Exit(string name)
    {
        Interlocked.Decrement(ref _inFlight);
        lock (_gate)
        {
            _exited.Add(name);
        }
    }

    public bool HasEntered(string name) => Entered.Contains(name);

    public bool HasExited(string name) => Exited.Contains(name);
}
