using System.Globalization;

namespace ConnCheck.Firewall;

/// <summary>
/// A Kubernetes <c>NetworkPolicy</c> (<c>policyTypes: [Egress]</c>) letting the selected pods reach
/// each address on its ports. Addresses with the same ports share one egress rule, which allows
/// exactly the listed (address, port) pairs because <c>to</c> and <c>ports</c> combine as a product.
/// </summary>
internal sealed class KubernetesFormatter : IFirewallFormatter
{
    public bool UsesAddresses => true;

    public string Format(FirewallRules rules, FirewallFormatOptions options)
    {
        var byCidr = new Dictionary<string, List<(string Protocol, int Port)>>(StringComparer.Ordinal);
        foreach (var rule in rules.ByDestination)
        {
            if (!byCidr.TryGetValue(rule.Cidr, out var ports))
            {
                byCidr[rule.Cidr] = ports = [];
            }

            ports.AddRange(rule.Ports.Select(p => (rule.Protocol.ToUpperInvariant(), p)));
        }

        var egress = byCidr
            .GroupBy(p => string.Join(",", p.Value.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Protocol}/{v.Port}"))))
            .Select(g => (Cidrs: g.Select(p => p.Key).ToList(), Ports: g.First().Value))
            .ToList();

        var text = new StringWriter(CultureInfo.InvariantCulture);
        var yaml = new YamlEventWriter(text)
            .Comment("Egress NetworkPolicy from conn-check convert-fw. With policyTypes: [Egress] the selected pods")
            .Comment("may open only these connections: add your cluster DNS (port 53) unless another policy allows it.")
            .StartMapping()
            .Pair("apiVersion", "networking.k8s.io/v1")
            .Pair("kind", "NetworkPolicy")
            .String("metadata").StartMapping().Pair("name", options.PolicyName).EndMapping()
            .String("spec").StartMapping()
            .String("podSelector").StartMapping(flow: options.PodLabels.Count == 0);
        if (options.PodLabels.Count > 0)
        {
            yaml.String("matchLabels").StartMapping();
            foreach (var (key, value) in options.PodLabels)
            {
                yaml.Pair(key, value);
            }

            yaml.EndMapping();
        }

        yaml.EndMapping()
            .String("policyTypes").StartSequence().String("Egress").EndSequence()
            .String("egress").StartSequence(flow: egress.Count == 0);
        foreach (var (cidrs, ports) in egress)
        {
            yaml.StartMapping().String("to").StartSequence();
            foreach (var cidr in cidrs)
            {
                yaml.StartMapping().String("ipBlock").StartMapping().Pair("cidr", cidr).EndMapping().EndMapping();
            }

            yaml.EndSequence().String("ports").StartSequence();
            foreach (var (protocol, port) in ports)
            {
                yaml.StartMapping().Pair("protocol", protocol).String("port").Integer(port).EndMapping();
            }

            yaml.EndSequence().EndMapping();
        }

        yaml.EndSequence().EndMapping().EndMapping().Finish();
        return text.ToString();
    }
}
