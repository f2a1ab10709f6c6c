using System.Net;
using ConnCheck.Checks;
using DnsClient;
using DnsClient.Protocol;

namespace ConnCheck.Net;

/// <summary>
/// Resolves names by asking one DNS server for A and AAAA records (<c>--resolver</c>), instead of the
/// system resolver: no /etc/hosts, no search domains, the same answers wherever the run happens.
/// </summary>
internal sealed class DnsHostResolver(IPEndPoint server) : IHostResolver
{
    public IPEndPoint DnsServer { get; } = server;

    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        var questions = new[] { QueryType.A, QueryType.AAAA }
            .Select(type => DnsQuery.AskAsync(DnsServer, host, type, null, cancellationToken))
            .ToArray();
        var responses = await Task.WhenAll(questions);
        var addresses = responses
            .SelectMany(r => r.Answers.OfType<AddressRecord>())
            .Select(r => r.Address)
            .Distinct()
            .ToArray();
        if (addresses.Length > 0)
        {
            return addresses;
        }

        var where = Names.HostPort(DnsServer.Address.ToString(), DnsServer.Port);
        var error = responses.FirstOrDefault(r => r.Header.ResponseCode != DnsHeaderResponseCode.NoError);
        throw new CheckFailedException(FailureStage.Resolve, error is null
            ? $"DNS resolution failed for {host}: no addresses (from {where})"
            : $"DNS resolution failed for {host}: {DnsQuery.CodeName(error.Header.ResponseCode)} from {where}");
    }
}
