using System.Net;
using System.Net.Sockets;

namespace ConnCheck.Firewall;

/// <summary>
/// The host name, qualified through the system resolver as Python's <c>socket.getfqdn()</c> did
/// in 1.x: the canonical name when it has a domain, else the plain host name.
/// </summary>
internal sealed class SystemFqdnSource : IFqdnSource
{
    // A machine whose resolver hangs still gets its export, named by its plain host name.
    private static readonly TimeSpan LookupBound = TimeSpan.FromSeconds(5);

    public static SystemFqdnSource Instance { get; } = new();

    public async Task<string> GetFqdnAsync(CancellationToken cancellationToken)
    {
        var name = Dns.GetHostName();
        try
        {
            var entry = await Dns.GetHostEntryAsync(name, cancellationToken).WaitAsync(LookupBound, cancellationToken);
            if (entry.HostName.Contains('.'))
            {
                return entry.HostName;
            }
        }
        catch (Exception e) when (e is SocketException or TimeoutException or ArgumentException)
        {
            // Falls through to the plain name: a host without a resolvable name still has rules to export.
        }

        return name;
    }
}
