namespace ConnCheck.Firewall;

/// <summary>A firewall type convert-fw writes: its name for <c>-t</c>, the other names it answers to, and its formatter.</summary>
internal sealed record FirewallTarget(string Name, IReadOnlyList<string> Aliases, IFirewallFormatter Formatter);
