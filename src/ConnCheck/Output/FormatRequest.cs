namespace ConnCheck.Output;

/// <summary>One <c>--format FORMAT[:PATH]</c>: a format and where it goes (null or <c>-</c>: standard output).</summary>
internal sealed record FormatRequest(ResultFormat Format, string? Path)
{
    public bool ToStdout => Path is null;

    /// <summary>The requests of every --format given (none: text on standard output), or the one usage problem they have.</summary>
    public static IReadOnlyList<FormatRequest> ParseAll(IReadOnlyList<string> written, out string? problem)
    {
        problem = null;
        if (written.Count == 0)
        {
            return [new FormatRequest(ResultFormats.Default, null)];
        }

        var requests = new List<FormatRequest>();
        foreach (var text in written)
        {
            if (Parse(text, out problem) is not { } request)
            {
                return [];
            }

            if (request.ToStdout && requests.FirstOrDefault(r => r.ToStdout) is { } other)
            {
                problem = $"argument --format: {other.Format.Name} and {request.Format.Name} both write to standard output; give all but one a file (FORMAT:PATH)";
                return [];
            }

            if (request.Path is { } path && requests.FirstOrDefault(r => r.Path is { } taken && SamePath(taken, path)) is { } clash)
            {
                problem = $"argument --format: {clash.Format.Name} and {request.Format.Name} both write to {path}";
                return [];
            }

            requests.Add(request);
        }

        return requests;
    }

    private static FormatRequest? Parse(string text, out string? problem)
    {
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        var path = colon < 0 ? null : text[(colon + 1)..];
        if (!ResultFormats.TryFind(name, out var format))
        {
            problem = $"argument --format: unknown format '{name}' (formats: {ResultFormats.Names})";
            return null;
        }

        if (path is "-" or null)
        {
            problem = null;
            return new FormatRequest(format, null);
        }

        problem = Unwritable(path) is { } why ? $"argument --format: cannot write {format.Name} to '{path}': {why}" : null;
        return problem is null ? new FormatRequest(format, path) : null;
    }

    // Found before anything runs, so that a run is never wasted on a file it cannot write.
    private static string? Unwritable(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }

        if (Directory.Exists(path))
        {
            return "it is a directory";
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        return directory is null || Directory.Exists(directory) ? null : "no such directory";
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), StringComparison.Ordinal);
}
