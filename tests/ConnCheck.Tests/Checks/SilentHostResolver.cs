using System.Net;
using ConnCheck.Net;

namespace ConnCheck.Tests.Checks;

/// <summary>A resolver that never answers, as when no DNS server can be reached: each lookup ends only when cancelled.</summary>
internal sealed class SilentHostResolver : IHostResolver
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("an infinite delay ended");
    }
}
