using System.Globalization;
using ConnCheck.Checks;
using ConnCheck.Output;
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
    /// <param name="redactor">
    /// Secrets of the configuration. A host or port from the environment is a secret (SPEC A2), so
    /// its connection is left out and named in <see cref="EgressExport.Withheld"/> rather than printed.
    /// </param>
    public static EgressExport Build(IEnumerable<PlannedCheck> checks, string fromHost, Redactor redactor)
    {
        var ports = new Dictionary<(string Host, string Protocol), List<int>>();
        var order = new List<(string Host, string Protocol)>();
        var withheld = new List<string>();
        foreach (var check in checks)
        {
            foreach (var subcheck in check.Subchecks)
            {
                if (subcheck.Egress is not { } egress)
                {
                    continue;
                }

                var host = Names.Unbracketed(egress.Host);
                if (IsSecret(redactor, host) || IsSecret(redactor, egress.Port.ToString(CultureInfo.InvariantCulture)))
                {
                    withheld.Add(redactor.Redact(subcheck.Name));
                    continue;
                }

                var key = (host, egress.Protocol);
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
        return new EgressExport(rules, withheld.Distinct(StringComparer.Ordinal).ToList());
    }

    private static bool IsSecret(Redactor redactor, string value) =>
        !string.Equals(redactor.Redact(value), value, StringComparison.Ordinal);
}
