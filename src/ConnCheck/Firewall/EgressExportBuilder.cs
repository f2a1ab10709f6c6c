using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Firewall;

/// <summary>
/// Collects the connections a run would open — the checks and subchecks that <see cref="Selection"/>
/// chose, as <see cref="CheckRunner"/> would run them — into one rule per destination host and protocol.
/// </summary>
internal static class EgressExportBuilder
{
    /// <param name="checks">The selected checks, in file order.</param>
    /// <param name="fromHost">This host's FQDN.</param>
    /// <remarks>A host or port from the environment is exported like any other (SPEC C2: only credentials are secret).</remarks>
    public static EgressExport Build(IEnumerable<PlannedCheck> checks, string fromHost)
    {
        var ports = new Dictionary<(string Host, string Protocol), List<int>>();
        var order = new List<(string Host, string Protocol)>();
        foreach (var check in checks)
        {
            foreach (var subcheck in check.Subchecks)
            {
                if (subcheck.Egress is not { } egress)
                {
                    continue;
                }

                var key = (Names.Unbracketed(egress.Host), egress.Protocol);
                if (!ports.TryGetValue(key, out var list))
                {
                    ports[key] = list = [];
                    order.Add(key);
                }

                if (!list.Contains(egress.Port))
                {
                    list.Add(egress.Port);
                }
            }
        }

        var rules = order.Select(key => new EgressRule(fromHost, key.Host, key.Protocol, ports[key])).ToList();
        return new EgressExport(rules);
    }
}
