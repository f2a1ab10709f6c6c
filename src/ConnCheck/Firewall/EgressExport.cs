namespace ConnCheck.Firewall;

/// <summary>What export-fw found: the rules to print, and the subchecks left out because printing them would reveal a secret.</summary>
/// <param name="Rules">One rule per (to_host, protocol), in order of first appearance.</param>
/// <param name="Withheld">Result names (masked) of subchecks whose host or port came from the environment.</param>
internal sealed record EgressExport(IReadOnlyList<EgressRule> Rules, IReadOnlyList<string> Withheld);
