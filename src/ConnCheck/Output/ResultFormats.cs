using System.Diagnostics.CodeAnalysis;

namespace ConnCheck.Output;

/// <summary>The one table of result formats (--format). Adding a format is one file and its entry here.</summary>
internal static class ResultFormats
{
    private static readonly ResultFormat[] All =
    [
        TextFormat.Entry,
        JsonFormat.Entry,
        JunitFormat.Entry,
        TapFormat.Entry,
        PrometheusFormat.Entry,
        NagiosFormat.Entry,
    ];

    /// <summary>The format that 1.x printed and that runs when --format is not given.</summary>
    public static ResultFormat Default => TextFormat.Entry;

    /// <summary>Every format's name, in table order, for messages: <c>text, json, ...</c>.</summary>
    public static string Names => string.Join(", ", Array.ConvertAll(All, f => f.Name));

    /// <summary>One line per format for --help: <c>  json  one JSON document ...</c>. Every start builds them, for the help text.</summary>
    public static string[] Described
    {
        get
        {
            var width = 0;
            foreach (var format in All)
            {
                width = Math.Max(width, format.Name.Length);
            }

            return Array.ConvertAll(All, f => $"{f.Name.PadRight(width)}  {f.Description}");
        }
    }

    /// <summary>Finds a format by name, ignoring case and surrounding spaces.</summary>
    public static bool TryFind(string name, [NotNullWhen(true)] out ResultFormat? format)
    {
        var trimmed = name.Trim();
        format = Array.Find(All, f => f.Name.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
        return format is not null;
    }
}
