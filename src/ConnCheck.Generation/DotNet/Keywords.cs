using System.Data.Common;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// A connection string's keywords as the drivers' common parser reads them, for telling kinds apart:
/// names compared without case, spaces or underscores (<c>Initial Catalog</c>, <c>InitialCatalog</c>).
/// </summary>
internal sealed class Keywords
{
    private readonly Dictionary<string, string> _values;

    private Keywords(Dictionary<string, string> values) => _values = values;

    /// <summary>The keywords of <paramref name="text"/>; none when it is not <c>keyword=value</c> pairs.</summary>
    public static Keywords Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            return new Keywords(values);
        }

        foreach (string keyword in builder.Keys)
        {
            values[Normalize(keyword)] = builder[keyword]?.ToString() ?? "";
        }

        return new Keywords(values);
    }

    public bool Has(string keyword) => _values.ContainsKey(Normalize(keyword));

    /// <summary>The first of <paramref name="keywords"/> given, or null.</summary>
    public string? ValueOf(params ReadOnlySpan<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            if (_values.TryGetValue(Normalize(keyword), out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The first of <paramref name="keywords"/> given, as written in the list, or null.</summary>
    public string? FirstOf(IEnumerable<string> keywords) => keywords.FirstOrDefault(Has);

    private static string Normalize(string keyword) =>
        new([.. keyword.Where(c => c is not (' ' or '_')).Select(char.ToLowerInvariant)]);
}
