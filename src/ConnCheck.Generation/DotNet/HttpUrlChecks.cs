using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.DotNet;

/// <summary>
/// An http check for every absolute http(s) URL under a key ending in <c>Url</c>, <c>Uri</c> or
/// <c>BaseAddress</c>, anywhere in the configuration. The suffix is matched as .NET settings spell
/// it, so that environment variables such as <c>GITHUB_SERVER_URL</c> do not count.
/// </summary>
internal static class HttpUrlChecks
{
    private static readonly string[] Suffixes = ["Url", "Uri", "BaseAddress"];

    public static IEnumerable<GeneratedCheck> Make(SettingsView settings, GeneratorOptions options, ICollection<string> notes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in Leaves(settings, []))
        {
            var key = path[^1];
            var url = value.Trim();
            if (path[0].Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                || !(Suffixes.Any(s => key.EndsWith(s, StringComparison.Ordinal)) || Suffixes.Any(s => key.Equals(s, StringComparison.OrdinalIgnoreCase))))
            {
                continue;
            }

            if (!IsHttpUrl(url))
            {
                // A relative URL, a path, a template: no service. Another scheme's URL is one, unchecked.
                if (Uri.TryCreate(url, UriKind.Absolute, out var other) && url.Contains("://", StringComparison.Ordinal) && !other.IsFile)
                {
                    notes.Add($"{string.Join(':', path)}: only http(s) URLs outside ConnectionStrings make checks (a {other.Scheme}:// URL is checked under ConnectionStrings); no check");
                }

                continue;
            }

            if (!seen.Add(url))
            {
                continue;
            }

            foreach (var check in MakeOne(url, path, string.Join(':', path), notes))
            {
                yield return check;
            }
        }
    }

    public static IEnumerable<GeneratedCheck> MakeOne(string url, IReadOnlyList<string> key, string what, ICollection<string> notes)
    {
        if (!IsHttpUrl(url))
        {
            notes.Add($"{what}: not an absolute http(s) URL; no check");
            return [];
        }

        var check = new GeneratedCheck("http");
        Secrets.AddUrl(check, "url", url, key);
        return [check];
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private static IEnumerable<(string[] Path, string Value)> Leaves(SettingsView view, string[] path)
    {
        foreach (var (key, child) in view.Entries)
        {
            string[] childPath = [.. path, key];
            if (child.Kind == SettingsKind.Map)
            {
                foreach (var leaf in Leaves(child, childPath))
                {
                    yield return leaf;
                }
            }
            else if (child.AsString() is { } value)
            {
                yield return (childPath, value);
            }
        }
    }
}
