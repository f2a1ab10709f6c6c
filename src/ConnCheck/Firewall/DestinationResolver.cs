using System.Net;
using ConnCheck.Checks;
using ConnCheck.Net;

namespace ConnCheck.Firewall;

/// <summary>
/// Resolves each destination name once (IPv4 and IPv6: a rule per address) and merges the rules
/// per protocol and address, so two names of one server, or the same server in two files, give one rule.
/// </summary>
internal static class DestinationResolver
{
    // How many names are looked up at once. A fleet's exports name thousands; asked all at once, their
    // questions overflow the DNS server's socket buffer (or ours), and the answers lost are names left out.
    private const int LookupsAtOnce = 32;

    public static async Task<Resolution> ResolveAsync(IReadOnlyList<EgressRule> rules, IHostResolver resolver, CancellationToken cancellationToken)
    {
        var names = rules.Select(r => r.ToHost).Distinct(StringComparer.Ordinal).ToList();
        var lookups = new (IPAddress[] Addresses, string? Problem)[names.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = LookupsAtOnce, CancellationToken = cancellationToken };
        var server = new ServerSilence();
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), parallel, async (i, token) => lookups[i] = await LookUpAsync(names[i], resolver, server, token));
        var addresses = names.Zip(lookups).ToDictionary(p => p.First, p => p.Second.Addresses, StringComparer.Ordinal);

        var merged = new Dictionary<(string, IPNetwork), (List<int> Ports, List<string> Hosts)>();
        var order = new List<(string Protocol, IPNetwork Destination)>();
        foreach (var rule in rules)
        {
            foreach (var address in addresses[rule.ToHost])
            {
                var key = (rule.Protocol, new IPNetwork(address, address.GetAddressBytes().Length * 8));
                if (!merged.TryGetValue(key, out var entry))
                {
                    merged[key] = entry = ([], []);
                    order.Add(key);
                }

                RuleMerger.AddPorts(entry.Ports, rule.Ports);
                if (!entry.Hosts.Contains(rule.ToHost))
                {
                    entry.Hosts.Add(rule.ToHost);
                }
            }
        }

        var resolved = order.Select(key => new DestinationRule(key.Protocol, key.Destination, merged[key].Ports, merged[key].Hosts)).ToList();
        return new Resolution(resolved, lookups.Select(l => l.Problem).OfType<string>().ToList());
    }

    private static async Task<(IPAddress[] Addresses, string? Problem)> LookUpAsync(string name, IHostResolver resolver, ServerSilence server, CancellationToken cancellationToken)
    {
        if (server.Silent)
        {
            return ([], $"{name} not looked up: the DNS server answered none of the questions before it; rules to {name} left out");
        }

        try
        {
            var found = await resolver.ResolveAsync(name, cancellationToken);
            server.Answered();
            return found.Length > 0
                ? (found.Select(Normalized).Distinct().ToArray(), null)
                : ([], $"{name} has no addresses; rules to {name} left out");
        }
        catch (CheckFailedException e) when (e.Unanswered)
        {
            server.Unanswered();
            return ([], $"{e.Message}; rules to {name} left out");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            server.Answered();
            return ([], $"{e.Message}; rules to {name} left out");
        }
    }

    /// <summary>
    /// Whether the DNS server is taken to be unreachable. A server that does not answer costs a timeout per
    /// question, and a fleet's exports name thousands (2,000 names, 32 at a time, 10 s each: ten minutes): until
    /// it has answered a question, one it leaves unanswered ends the asking. Once it has answered, a question
    /// lost now and then costs only its own name.
    /// </summary>
    private sealed class ServerSilence
    {
        private volatile bool _answered;
        private volatile bool _unanswered;

        public bool Silent => _unanswered && !_answered;

        public void Answered() => _answered = true;

        public void Unanswered() => _unanswered = true;
    }

    // A firewall matches the address on the wire: IPv4 for v4-mapped addresses, and no interface scope.
    private static IPAddress Normalized(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new IPAddress(address.GetAddressBytes());
}
