namespace ConnCheck.Configuration;

/// <summary>
/// The known option an unknown one was probably meant to be (<c>timout</c> for <c>timeout</c>,
/// <c>Password</c> for <c>password</c>): letter case ignored, at most two edits (one for a known
/// option of four or five letters, none shorter: <c>url</c> is two edits from too many words), a
/// swap of neighbouring letters counting as one. Old files carry other unknown options on purpose
/// (<c>verify: true</c>); a near miss is far more likely a typo that silently turns an option off.
/// </summary>
internal static class NearMiss
{
    private const int MinLength = 4;
    private const int ShortLength = 5;

    /// <summary>The closest of <paramref name="known"/> to <paramref name="written"/> within reach, or null; ties go to the first in ordinal order.</summary>
    public static string? Find(string written, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var option in known.Where(o => o.Length >= MinLength).Order(StringComparer.Ordinal))
        {
            var reach = option.Length <= ShortLength ? 1 : 2;
            var distance = Distance(written.ToLowerInvariant(), option.ToLowerInvariant());
            if (distance <= reach && distance < bestDistance)
            {
                (best, bestDistance) = (option, distance);
            }
        }

        return best;
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) from <paramref name="a"/> to <paramref name="b"/>: optimal string alignment.</summary>
    internal static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            // Beyond any reach: option names are short, but a key need not be.
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
