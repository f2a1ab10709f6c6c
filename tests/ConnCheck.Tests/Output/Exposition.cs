using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ConnCheck.Tests.Output;

/// <summary>
/// A strict reader of the text exposition format 0.0.4, for what promtool 2.42 does not check but a
/// Prometheus scrape rejects: a family's lines apart from each other, and two samples of one series.
/// Every family must be HELP, TYPE gauge, then its samples.
/// </summary>
internal static partial class Exposition
{
    public static List<ExpositionSample> Parse(string text)
    {
        Assert.EndsWith("\n", text);
        var samples = new List<ExpositionSample>();
        var families = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? family = null;
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                family = line["# HELP ".Length..].Split(' ')[0];
                Assert.True(families.Add(family), $"family {family} appears twice (line {i + 1})");
                Assert.True(i + 1 < lines.Length && lines[i + 1] == $"# TYPE {family} gauge", $"no TYPE after HELP at line {i + 1}");
                i++;
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var name = match.Groups["name"].Value;
            Assert.True(name == family, $"sample of {name} outside its family (line {i + 1})");
            var labels = Labels(match.Groups["labels"].Value);
            Assert.True(series.Add(name + match.Groups["labels"].Value), $"duplicate series at line {i + 1}: {line}");
            samples.Add(new ExpositionSample(name, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    private static Dictionary<string, string> Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        while (at < text.Length)
        {
            var equals = text.IndexOf('=', at);
            var name = text[at..equals];
            Assert.Matches("^[a-zA-Z_][a-zA-Z0-9_]*$", name);
            Assert.Equal('"', text[equals + 1]);
            var value = new StringBuilder();
            var i = equals + 2;
            for (; text[i] != '"'; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                    value.Append(text[i] switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        var other => throw new FormatException($"unknown escape \\{other} in {text}"),
                    });
                }
                else
                {
                    value.Append(text[i]);
                }
            }

            Assert.True(labels.TryAdd(name, value.ToString()), $"label {name} twice in {text}");
            at = i + 1;
            if (at < text.Length)
            {
                Assert.Equal(',', text[at]);
                at++;
            }
        }

        return labels;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (?<value>-?[0-9]+(?:\.[0-9]+)?)$""")]
    private static partial Regex SampleLine();
}
