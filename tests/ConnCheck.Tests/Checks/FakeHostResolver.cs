using System.Net;
using ConnCheck.Net;

namespace ConnCheck.Tests.Checks;

/// <summary>Answers name lookups from a function, so tests never ask a real DNS server.</summary>
internal sealed class FakeHostResolver(Func<string, IPAddress[]> resolve) : IHostResolver
{
    public List<string> Asked { get; } = [];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(host);
        }

        return Task.FromResult(resolve(host));
    }
}
