using System.Collections.Concurrent;
using System.Threading.Channels;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks;

/// <summary>Collects what the runner reports, and how many subchecks were running at once at most.</summary>
internal sealed class ResultCollector : IResultObserver
{
    private readonly ConcurrentQueue<CheckResult> _results = new();
    private readonly Channel<string> _starts = Channel.CreateUnbounded<string>();
    private int _running;
    private int _maxRunning;

    public IReadOnlyList<CheckResult> Results => [.. _results];

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public void Started(string name, string? info)
    {
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max)
        {
            // Another thread raised the maximum meanwhile; compare again.
        }

        _starts.Writer.TryWrite(name);
    }

    public void Completed(CheckResult result)
    {
        // Skipped results were never started.
        if (result.Status != ResultStatus.Skipped)
        {
            Interlocked.Decrement(ref _running);
        }

        _results.Enqueue(result);
    }

    /// <summary>Waits (in real time, at most <paramref name="limit"/>) until the subcheck <paramref name="name"/> has started.</summary>
    public async Task WaitUntilStartedAsync(string name, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await foreach (var started in _starts.Reader.ReadAllAsync(timeout.Token))
        {
            if (started == name)
            {
                return;
            }
        }
    }
}
