using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Net;

namespace ConnCheck.Running;

/// <summary>
/// <c>addresses: all</c>: a check whose host has several addresses becomes one check per address, each
/// with its own subchecks named <c>NAME@ADDR</c>, so that the one address behind a closed firewall fails
/// where the first address that answers would hide it.
/// </summary>
internal static class AddressExpansion
{
    // Lookups outside any check's run: bounded by the check's own timeout, else this.
    private static readonly TimeSpan DefaultLookupTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The checks with each <c>addresses: all</c> check replaced by its per-address checks, in order. A name
    /// that does not resolve keeps its check as written, to fail at <c>resolve</c> when it runs.
    /// </summary>
    public static async Task<IReadOnlyList<CheckDefinition>> ExpandAsync(IReadOnlyList<CheckDefinition> checks, IHostResolver resolver, CancellationToken cancellationToken)
    {
        var expanded = await Task.WhenAll(checks.Select(check => ExpandAsync(check, resolver, cancellationToken)));
        return [.. expanded.SelectMany(c => c)];
    }

    private static async Task<IReadOnlyList<CheckDefinition>> ExpandAsync(CheckDefinition check, IHostResolver resolver, CancellationToken cancellationToken)
    {
        if (!check.Common.AllAddresses || HostOf(check) is not { } host || IPAddress.TryParse(host, out _))
        {
            return [check];
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(check.Common.Timeout ?? DefaultLookupTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, bound.Token);
        }
        catch (Exception e) when (e is CheckFailedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return [check];
        }

        var family = check.Common.IpVersion switch
        {
            4 => AddressFamily.InterNetwork,
            6 => AddressFamily.InterNetworkV6,
            _ => (AddressFamily?)null,
        };
        var kept = addresses.Where(a => family is null || a.AddressFamily == family).Distinct().ToArray();
        return kept.Length == 0 ? [check] : [.. kept.Select(address => new PinnedCheck(check, host, address))];
    }

    // The host of the check's own connection: its first subcheck that opens one.
    private static string? HostOf(CheckDefinition check) =>
        check.Plan().Select(s => s.Egress?.Host).FirstOrDefault(h => h is not null) is { } host ? Names.Unbracketed(host) : null;

    /// <summary>One address's share of a check: its subchecks, renamed, connect to <see cref="Address"/> whenever they resolve <see cref="Host"/>.</summary>
    private sealed record PinnedCheck(CheckDefinition Inner, string Host, IPAddress Address) : CheckDefinition(Inner.Common)
    {
        public override IReadOnlyList<Subcheck> Plan()
        {
            var suffix = $"@{Names.Bracketed(Address.ToString())}";
            return
            [
                .. Inner.Plan().Select(s => s with
                {
                    Name = s.Name + suffix,
                    Run = (context, cancellationToken) => s.Run(context.Pinned(Host, Address), cancellationToken),
                    Egress = s.Egress is { } egress && Names.Unbracketed(egress.Host) == Host ? egress with { Host = Address.ToString() } : s.Egress,
                    Target = s.Target ?? (s.Egress is { } e ? new Endpoint(Names.Unbracketed(e.Host), e.Port) : null),
                }),
            ];
        }
    }
}
