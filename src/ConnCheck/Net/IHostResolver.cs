using System.Net;

namespace ConnCheck.Net;

/// <summary>Turns a host name or address literal into addresses to connect to.</summary>
internal interface IHostResolver
{
    /// <summary>The DNS server this resolver asks, when it asks one (<c>--resolver</c>); null for the system resolver.</summary>
    IPEndPoint? DnsServer => null;

    /// <summary>Returns at least one address, or throws a <see cref="Checks.CheckFailedException"/> saying why not.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
