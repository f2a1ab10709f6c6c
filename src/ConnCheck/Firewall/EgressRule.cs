namespace ConnCheck.Firewall;

/// <summary>
/// One entry of an export file (<c>conn-check export-fw</c>): <paramref name="FromHost"/> needs to
/// reach <paramref name="ToHost"/> over <paramref name="Protocol"/> on <paramref name="Ports"/>.
/// </summary>
/// <param name="FromHost">The FQDN of the host that opens the connections.</param>
/// <param name="ToHost">The destination as written in the checks: a name or an address literal (IPv6 without brackets).</param>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="Ports">Distinct ports, in order of first appearance.</param>
internal sealed record EgressRule(string FromHost, string ToHost, string Protocol, IReadOnlyList<int> Ports);
