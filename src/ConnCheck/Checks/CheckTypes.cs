using System.Diagnostics.CodeAnalysis;
using ConnCheck.Checks.Http;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Checks.Udp;

namespace ConnCheck.Checks;

/// <summary>The one table of check types. Adding a type is adding its entry here.</summary>
internal static class CheckTypes
{
    private static readonly CheckType[] All =
    [
        TcpCheck.Type,
        TlsCheck.Type,
        UdpCheck.Type,
        HttpCheck.Type,
    ];

    private static readonly Dictionary<string, CheckType> ByName = All
        .SelectMany(t => t.Aliases.Prepend(t.Name).Select(name => (name, t)))
        .ToDictionary(p => p.name, p => p.t, StringComparer.OrdinalIgnoreCase);

    /// <summary>Canonical names, sorted, for messages.</summary>
    public static IEnumerable<string> Names => All.Select(t => t.Name).Order(StringComparer.Ordinal);

    /// <summary>Finds a type by name or alias, ignoring case and surrounding spaces.</summary>
    public static bool TryFind(string name, [NotNullWhen(true)] out CheckType? type) =>
        ByName.TryGetValue(name.Trim(), out type);
}
