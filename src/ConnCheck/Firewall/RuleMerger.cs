namespace ConnCheck.Firewall;

/// <summary>Merges the rules of several export files, keeping the order in which rules and ports first appear.</summary>
internal static class RuleMerger
{
    /// <summary>One rule per (protocol, from_host, to_host), with the union of their ports.</summary>
    public static IReadOnlyList<EgressRule> MergeByName(IEnumerable<EgressRule> rules)
    {
        var merged = new Dictionary<(string, string, string), (EgressRule First, List<int> Ports)>();
        var order = new List<(string, string, string)>();
        foreach (var rule in rules)
        {
            var key = (rule.Protocol, rule.FromHost, rule.ToHost);
            if (!merged.TryGetValue(key, out var entry))
            {
                merged[key] = entry = (rule, []);
                order.Add(key);
            }

            AddPorts(entry.Ports, rule.Ports);
        }

        return order.Select(key => merged[key].First with { Ports = merged[key].Ports }).ToList();
    }

    internal static void AddPorts(List<int> into, IEnumerable<int> ports)
    {
        foreach (var port in ports)
        {
            if (!into.Contains(port))
            {
                into.Add(port);
            }
        }
    }
}
