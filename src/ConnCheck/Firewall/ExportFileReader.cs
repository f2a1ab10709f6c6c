using System.Globalization;
using ConnCheck.Configuration;
using ConnCheck.Configuration.Yaml;

namespace ConnCheck.Firewall;

/// <summary>
/// Reads export files (SPEC A7), those of 1.x too: keys in any order, ports as numbers or numeric
/// strings, protocol in any case. Every problem is reported with its position, and the values it echoes
/// (the file comes from another host) quoted, escaped and shortened.
/// </summary>
internal static class ExportFileReader
{
    /// <summary>Reads <paramref name="path"/>, or throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static IReadOnlyList<EgressRule> ReadFile(string path)
    {
        using var text = YamlSource.Open(path, "export file");
        return Read(text, path);
    }

    /// <summary>Reads export text; <paramref name="file"/> names it in messages.</summary>
    public static IReadOnlyList<EgressRule> Read(string text, string file) => Read(new StringReader(text), file);

    /// <summary>Reads export text within the limits of configuration files; <paramref name="file"/> names it in messages.</summary>
    public static IReadOnlyList<EgressRule> Read(TextReader text, string file)
    {
        var documents = YamlTreeReader.ReadDocuments(text, file);

        var errors = new List<ConfigurationError>();
        var rules = new List<EgressRule>();
        if (documents.Count > 0)
        {
            ReadRoot(documents[0], file, errors, rules);
        }

        return errors.Count > 0 ? throw new ConfigurationException(errors) : rules;
    }

    private static void ReadRoot(YamlNode root, string file, List<ConfigurationError> errors, List<EgressRule> rules)
    {
        if (YamlSource.IsNull(root))
        {
            return;
        }

        if (root is not YamlMappingNode mapping)
        {
            errors.Add(Error(file, root, "an export file must be a mapping with an 'egress' list"));
            return;
        }

        var egress = Child(mapping, "egress");
        if (egress is null || YamlSource.IsNull(egress))
        {
            return;
        }

        if (egress is not YamlSequenceNode list)
        {
            errors.Add(Error(file, egress, "'egress' must be a list of rules"));
            return;
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode rule)
            {
                errors.Add(Error(file, item, "each egress rule must be a mapping with from_host, to_host, protocol and ports"));
                continue;
            }

            var before = errors.Count;
            var from = Host(rule, "from_host", file, errors);
            var to = Host(rule, "to_host", file, errors);
            var protocol = Text(rule, "protocol", file, errors)?.ToLowerInvariant();
            if (protocol is not null and not "tcp" and not "udp")
            {
                errors.Add(Error(file, Child(rule, "protocol")!, $"protocol must be tcp or udp, not {Printable.Quote(protocol)}"));
            }

            var ports = Ports(rule, file, errors);
            if (errors.Count == before)
            {
                rules.Add(new EgressRule(from!, to!, protocol!, ports));
            }
        }
    }

    // Host names end up in shell commands and rule files that people run: nothing but name and address characters may pass.
    private static string? Host(YamlMappingNode rule, string key, string file, List<ConfigurationError> errors)
    {
        var host = Text(rule, key, file, errors);
        if (host is ['[', .., ']'])
        {
            host = host[1..^1];
        }

        if (host is not null && !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '%'))
        {
            errors.Add(Error(file, Child(rule, key)!, $"{key} must be a host name or address, not {Printable.Quote(host)}"));
            return null;
        }

        return host;
    }

    private static string? Text(YamlMappingNode rule, string key, string file, List<ConfigurationError> errors)
    {
        var node = Child(rule, key);
        if (node is YamlScalarNode { Value: { } value } && !YamlSource.IsNull(node) && value.Trim().Length > 0)
        {
            return value.Trim();
        }

        errors.Add(Error(file, node ?? rule, node is null ? $"egress rule has no '{key}'" : $"{key} must be a non-empty value"));
        return null;
    }

    private static List<int> Ports(YamlMappingNode rule, string file, List<ConfigurationError> errors)
    {
        var ports = new List<int>();
        var node = Child(rule, "ports");
        IEnumerable<YamlNode> items = node switch
        {
            YamlSequenceNode sequence => sequence,
            YamlScalarNode scalar when !YamlSource.IsNull(scalar) => [scalar],
            _ => [],
        };
        if (node is null || !items.Any())
        {
            errors.Add(Error(file, node ?? rule, "egress rule needs 'ports', a list of port numbers"));
        }

        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { } text } && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            {
                if (!ports.Contains(port))
                {
                    ports.Add(port);
                }
            }
            else
            {
                errors.Add(Error(file, item, $"ports must be numbers from 1 to 65535, found {OptionReader.Describe(item)}"));
            }
        }

        return ports;
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(c => c.Key.Value == key).Value;

    private static ConfigurationError Error(string file, YamlNode node, string problem) =>
        new(new SourcePosition(file, node.Line, node.Column), problem);
}
