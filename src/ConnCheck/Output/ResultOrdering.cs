using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// The buffered order of 1.x: failures, then warnings (C3), then successes, each grouped by destination
/// (the name up to and including its host) with groups and lines sorted; then skips, sorted. Ordinal throughout.
/// </summary>
internal static class ResultOrdering
{
    private static readonly Comparer<(string Destination, string Line)> DestinationThenLine = Comparer<(string Destination, string Line)>.Create((a, b) =>
    {
        var byDestination = string.CompareOrdinal(a.Destination, b.Destination);
        return byDestination != 0 ? byDestination : string.CompareOrdinal(a.Line, b.Line);
    });

    public static IEnumerable<T> Order<T>(IEnumerable<T> items, Func<T, ResultStatus> status, Func<T, string> name, Func<T, string> line)
    {
        var list = items.ToList();

        // One key rather than OrderBy(destination).ThenBy(line): see ConfigurationLoader.Load.
        IEnumerable<T> Grouped(ResultStatus wanted) => list
            .Where(i => status(i) == wanted)
            .OrderBy(i => (DestinationKey(name(i)), line(i)), DestinationThenLine);

        return Grouped(ResultStatus.Failed)
            .Concat(Grouped(ResultStatus.Warning))
            .Concat(Grouped(ResultStatus.Ok))
            .Concat(list.Where(i => status(i) == ResultStatus.Skipped).OrderBy(line, StringComparer.Ordinal));
    }

    /// <summary>Results in file order: checks as written, then each check's subchecks in order.</summary>
    public static IEnumerable<CheckResult> InFileOrder(IEnumerable<CheckResult> results) =>
        results.OrderBy(r => r.Subject?.Sequence ?? int.MaxValue);

    /// <summary><c>tcp:db.example.com:5432</c> → <c>tcp:db.example.com:</c>; <c>tcp:[::1]:5432</c> → <c>tcp:[::1]:</c>.</summary>
    public static string DestinationKey(string name)
    {
        var typeEnd = name.IndexOf(':');
        if (typeEnd < 0)
        {
            return name;
        }

        var hostStart = typeEnd + 1;
        var hostEnd = hostStart < name.Length && name[hostStart] == '['
            ? name.IndexOf(']', hostStart) + 1
            : name.IndexOf(':', hostStart);
        return hostEnd <= 0 || hostEnd >= name.Length ? name : name[..hostEnd] + ":";
    }
}
