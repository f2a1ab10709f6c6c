using System.Globalization;
using ConnCheck.Configuration;

namespace ConnCheck.Checks.Http;

/// <summary>
/// <c>expected_code</c>: the statuses that pass, written as one code (<c>200</c>), a range
/// (<c>200-299</c>, both ends included) or a list of either (<c>[200, 204, 300-308]</c>).
/// </summary>
internal sealed record ExpectedStatus(IReadOnlyList<(int First, int Last)> Ranges)
{
    private const int MinCode = 100;
    private const int MaxCode = 999;
    private const string Shape = "a status code from 100 to 999, a range such as 200-299, or a list of them";

    /// <summary>1.x's default: 200 alone.</summary>
    public static ExpectedStatus Default { get; } = new([(200, 200)]);

    public bool Accepts(int status) => Ranges.Any(r => status >= r.First && status <= r.Last);

    public static ExpectedStatus Parse(OptionReader options)
    {
        const string key = "expected_code";
        if (options.Items(key, Shape) is not { } items)
        {
            return Default;
        }

        var ranges = new List<(int, int)>();
        foreach (var item in items)
        {
            if (ParseItem(options, item) is { } range)
            {
                ranges.Add(range);
            }
        }

        return ranges.Count == items.Count ? new ExpectedStatus(ranges) : Default;
    }

    private static (int First, int Last)? ParseItem(OptionReader options, OptionItem item)
    {
        var text = item.Value.Trim();
        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            if (Code(text) is { } code)
            {
                return (code, code);
            }
        }
        else if (Code(text[..dash].TrimEnd()) is { } first && Code(text[(dash + 1)..].TrimStart()) is { } last)
        {
            if (first <= last)
            {
                return (first, last);
            }

            options.Error(item, $"expected_code: the range {first}-{last} is empty: its first code is greater than its last");
            return null;
        }

        options.Error(item, $"expected_code must be {Shape}, not {Printable.Quote(item.Value)}");
        return null;
    }

    // Digits only: a sign would read "-200" or "+200-+299" as codes.
    private static int? Code(string text) =>
        text.Length is > 0 and <= 3 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is >= MinCode and <= MaxCode and var code
            ? code
            : null;
}
