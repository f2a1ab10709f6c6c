namespace ConnCheck.Firewall;

/// <summary>What export-fw found: the rules to print.</summary>
/// <param name="Rules">One rule per (to_host, protocol), in order of first appearance.</param>
internal sealed record EgressExport(IReadOnlyList<EgressRule> Rules);
