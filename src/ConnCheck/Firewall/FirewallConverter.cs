using ConnCheck.Net;

namespace ConnCheck.Firewall;

/// <summary>convert-fw without the command line: merge the export files' rules, resolve when the type needs addresses, format.</summary>
internal static class FirewallConverter
{
    public static async Task<Conversion> ConvertAsync(IEnumerable<EgressRule> rules, IFirewallFormatter formatter, FirewallFormatOptions options, IHostResolver resolver, CancellationToken cancellationToken)
    {
        var byName = RuleMerger.MergeByName(rules);
        var resolution = formatter.UsesAddresses ? await DestinationResolver.ResolveAsync(byName, resolver, cancellationToken) : Resolution.Empty;
        return new Conversion(formatter.Format(new FirewallRules(byName, resolution.Rules), options), resolution.Problems);
    }
}
