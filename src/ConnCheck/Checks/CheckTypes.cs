using System.Diagnostics.CodeAnalysis;
using ConnCheck.Checks.Dns;
using ConnCheck.Checks.Http;
using ConnCheck.Checks.Memcache;
using ConnCheck.Checks.Tcp;
using ConnCheck.Checks.Tls;
using ConnCheck.Checks.Udp;

namespace ConnCheck.Checks;

/// <summary>
/// The table of check types by name and alias. <see cref="Builtin"/> holds the types that need only
/// the BCL; a driver project adds its own with <see cref="With"/>, so adding a type is one entry.
/// </summary>
internal sealed class CheckTypes
{
    private readonly CheckType[] _all;
    private readonly Dictionary<string, CheckType> _byName;

    private CheckTypes(CheckType[] all)
    {
        _all = all;
        _byName = new Dictionary<string, CheckType>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in all)
        {
            _byName.Add(type.Name, type);
            foreach (var alias in type.Aliases)
            {
                _byName.Add(alias, type);
            }
        }
    }

    /// <summary>tcp, tls, udp, http, memcache and dns.</summary>
    public static CheckTypes Builtin { get; } = new([TcpCheck.Type, TlsCheck.Type, UdpCheck.Type, HttpCheck.Type, MemcacheCheck.Type, DnsCheck.Type]);

    /// <summary>Canonical names, sorted, for messages.</summary>
    public IEnumerable<string> Names => _all.Select(t => t.Name).Order(StringComparer.Ordinal);

    /// <summary>This table plus <paramref name="types"/>.</summary>
    public CheckTypes With(IEnumerable<CheckType> types) => new([.. _all, .. types]);

    /// <summary>Finds a type by name or alias, ignoring case and surrounding spaces.</summary>
    public bool TryFind(string name, [NotNullWhen(true)] out CheckType? type) =>
        _byName.TryGetValue(name.Trim(), out type);
}
