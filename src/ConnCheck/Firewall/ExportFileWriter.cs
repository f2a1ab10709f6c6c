using System.Globalization;

namespace ConnCheck.Firewall;

/// <summary>
/// Writes the export file of SPEC A7: <c>egress:</c>, a list of <c>{from_host, to_host, protocol, ports}</c>,
/// ports as a flow list as 1.x wrote them.
/// </summary>
internal static class ExportFileWriter
{
    public static string Write(IReadOnlyList<EgressRule> rules)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var yaml = new YamlEventWriter(text).StartMapping().String("egress").StartSequence(flow: rules.Count == 0);
        foreach (var rule in rules)
        {
            yaml.StartMapping()
                .Pair("from_host", rule.FromHost)
                .Pair("to_host", rule.ToHost)
                .Pair("protocol", rule.Protocol)
                .String("ports").StartSequence(flow: true);
            foreach (var port in rule.Ports)
            {
                yaml.Integer(port);
            }

            yaml.EndSequence().EndMapping();
        }

        yaml.EndSequence().EndMapping().Finish();
        return text.ToString();
    }
}
