using Microsoft.Extensions.Hosting;

namespace ConnCheck.Serve;

/// <summary>
/// The host's lifetime left to the caller: the default console lifetime would take SIGTERM and SIGINT
/// for itself, where conn-check handles them once for every command (and never in a test host).
/// </summary>
internal sealed class CallerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
