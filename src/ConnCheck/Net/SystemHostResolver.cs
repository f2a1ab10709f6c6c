using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;

namespace ConnCheck.Net;

/// <summary>Resolves names through the system resolver (IPv4 and IPv6); literals need no lookup.</summary>
internal sealed class SystemHostResolver : IHostResolver
{
    public static SystemHostResolver Instance { get; } = new();

    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        IPAddress[] addresses;
        try
        {
            // WaitAsync: a lookup the resolver cannot cancel must still not outlive the check.
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(cancellationToken);
        }
        catch (SocketException e)
        {
            throw SocketErrors.ResolutionFailure(host, e);
        }

        if (addresses.Length == 0)
        {
            throw new CheckFailedException(FailureStage.Resolve, $"DNS resolution failed for {host}: no addresses");
        }

        return addresses;
    }
}
