using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using ConnCheck.Secrets;

namespace ConnCheck.Checks;

/// <summary>What checks share during a run: name resolution, TLS trust, the clock and the secrets; and, within one check, its progress.</summary>
internal sealed class CheckContext(IHostResolver resolver, TlsTrust tlsTrust, TimeProvider time)
{
    public IHostResolver Resolver { get; } = resolver;

    public TlsTrust TlsTrust { get; } = tlsTrust;

    public TimeProvider Time { get; } = time;

    /// <summary>
    /// The configuration's secrets. Results are masked once on their way out; a check masks with these
    /// only where it shortens what a peer sent, so that no part of a secret survives the cut.
    /// </summary>
    public Redactor Secrets { get; init; } = Redactor.None;

    /// <summary>What the running check has done so far; outside a check, a record nobody reads.</summary>
    public CheckProgress Progress { get; private init; } = new();

    /// <summary>The running check's <c>ip_version</c>: the only address family its names resolve to; null for both.</summary>
    public AddressFamily? Family { get; private init; }

    /// <summary>When the running check's timeout fires, as a <see cref="Time"/> timestamp; null outside a check.</summary>
    public long? Deadline { get; private init; }

    /// <summary>The time left before the running check's timeout fires (never negative), or null outside a check.</summary>
    public TimeSpan? Remaining => Deadline is { } deadline
        ? TimeSpan.FromTicks(Math.Max(0, Time.GetElapsedTime(Time.GetTimestamp(), deadline).Ticks))
        : null;

    /// <summary>
    /// The timeout to give a driver that keeps clocks of its own, taken now from <see cref="Remaining"/>:
    /// every driver-backed check sets its driver's timeouts from this, and from nothing else, so that
    /// none fires before the check's timeout and none waits long after it (see <see cref="DriverTimeout"/>).
    /// </summary>
    public DriverTimeout TimeoutForDriver() => new(Remaining);

    /// <summary>
    /// Resolves <paramref name="host"/> through <see cref="Resolver"/>, telling <see cref="Progress"/> while
    /// the lookup is under way: a timeout then means the name did not resolve in time.
    /// </summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (_pin is { } pin && string.Equals(pin.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return [pin.Address];
        }

        Progress.ResolveStarted();
        var addresses = await Resolver.ResolveAsync(host, cancellationToken);
        Progress.ResolveEnded();
        if (Family is not { } family)
        {
            return addresses;
        }

        var kept = addresses.Where(a => a.AddressFamily == family).ToArray();
        return kept.Length > 0
            ? kept
            : throw new CheckFailedException(FailureStage.Resolve, IPAddress.TryParse(host, out _)
                ? $"{host} is not an IPv{(family == AddressFamily.InterNetwork ? 4 : 6)} address (ip_version)"
                : $"DNS resolution failed for {host}: no IPv{(family == AddressFamily.InterNetwork ? 4 : 6)} addresses (ip_version)");
    }

    /// <summary>
    /// For a driver that resolves names itself (Npgsql, MySqlConnector, the MongoDB driver): the address to
    /// give it instead of <paramref name="host"/> when conn-check's resolution differs from the driver's —
    /// the check is pinned to one address (<c>addresses: all</c>), restricted to a family (<c>ip_version</c>),
    /// or names resolve through <c>--resolver</c>. Else null, and the driver resolves the name as it always
    /// has, trying each address. A name that does not resolve fails here, at the resolve stage.
    /// </summary>
    public async Task<string?> AddressForDriverAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out _) || (_pin is null && Family is null && Resolver is SystemHostResolver))
        {
            return null;
        }

        return (await ResolveAsync(host, cancellationToken))[0].ToString();
    }

    // addresses: all — the one address this share of a check connects to when it resolves that host.
    private (string Host, IPAddress Address)? _pin;

    /// <summary>This context, within the same check, with <paramref name="host"/> resolving to <paramref name="address"/> only.</summary>
    public CheckContext Pinned(string host, IPAddress address) => new(Resolver, TlsTrust, Time)
    {
        Secrets = Secrets,
        Family = Family,
        Deadline = Deadline,
        Progress = Progress,
        _pin = (host, address),
    };

    /// <summary>This context for one check whose timeout, <paramref name="timeout"/>, starts now; <paramref name="ipVersion"/>, 4 or 6, restricts its names' addresses.</summary>
    public CheckContext ForCheck(TimeSpan timeout, int? ipVersion = null) => new(Resolver, TlsTrust, Time)
    {
        Secrets = Secrets,
        Family = ipVersion switch
        {
            4 => AddressFamily.InterNetwork,
            6 => AddressFamily.InterNetworkV6,
            _ => null,
        },
        Deadline = Time.GetTimestamp() + (long)(timeout.TotalSeconds * Time.TimestampFrequency),
    };
}
