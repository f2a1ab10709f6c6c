namespace ConnCheck.Firewall;

/// <summary>What convert-fw prints: the output, and one message per name that did not resolve.</summary>
internal sealed record Conversion(string Output, IReadOnlyList<string> Problems);
