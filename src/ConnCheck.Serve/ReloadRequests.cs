using System.Threading.Channels;

namespace ConnCheck.Serve;

/// <summary>
/// Requests to read the configuration again (SIGHUP), taken by the schedule between runs. Requests that
/// come before the schedule takes one are one request: a reload reads the file as it is by then.
/// </summary>
internal sealed class ReloadRequests
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Whether a reload was requested since the last one taken, taking it.</summary>
    public bool TryTake() => _requests.Reader.TryRead(out _);

    /// <summary>Completes when a request is waiting to be taken.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _requests.Reader.WaitToReadAsync(cancellationToken).AsTask();
}
