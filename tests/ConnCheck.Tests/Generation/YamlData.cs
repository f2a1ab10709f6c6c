using System.Globalization;
using System.Text.RegularExpressions;
using ConnCheck.Services;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// Checks files as data, to compare generated YAML with the manual's: one line per check, its type
/// canonical (<c>postgresql</c> and <c>postgres</c> are one type to conn-check), its options sorted,
/// each value with its YAML type (<c>5432</c> an integer, <c>'5432'</c> a string, empty a null).
/// </summary>
internal static partial class YamlData
{
    public static IReadOnlyList<string> Checks(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: "" or null })
        {
            return [];
        }

        var sequence = Assert.IsType<YamlSequenceNode>(stream.Documents[0].RootNode);
        return sequence.Select(Check).ToList();
    }

    private static string Check(YamlNode node)
    {
        var mapping = Assert.IsType<YamlMappingNode>(node);
        var options = mapping.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Value(c.Value), StringComparer.Ordinal);
        var type = options["type"].Trim('\'');
        Assert.True(ServiceCheckTypes.Table.TryFind(type, out var checkType), $"conn-check knows no check type {type}");
        options.Remove("type");
        return $"{checkType.Name}: " + string.Join(", ", options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));
    }

    private static string Value(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => "null",
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => scalar.Value!,
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when Integer().IsMatch(scalar.Value!) =>
            long.Parse(scalar.Value!, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when Float().IsMatch(scalar.Value!) => scalar.Value!,
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Select(Value)) + "]",
        YamlMappingNode mapping => "{" + string.Join(", ", mapping.Children.Select(c => $"{Value(c.Key)}: {Value(c.Value)}")) + "}",
        _ => throw new InvalidOperationException($"unexpected node {node}"),
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex("^[-+]?[0-9]*\\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
