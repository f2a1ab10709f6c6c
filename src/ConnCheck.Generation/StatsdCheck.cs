namespace ConnCheck.Generation;

/// <summary>
/// What the generated statsd <c>udp</c> check sends and expects back. The defaults send a counter
/// and expect no reply, which only proves a datagram could be sent; a statsd that answers a health
/// probe (txStatsD, for one) is checked for real by setting both.
/// </summary>
public sealed class StatsdCheck
{
    /// <summary>The default <see cref="Send"/>: a counter increment.</summary>
    public const string DefaultSend = "conncheck.test:1|c";

    /// <summary>The datagram sent; <c>--statsd_send</c> overrides it.</summary>
    public string Send { get; set; } = DefaultSend;

    /// <summary>The reply expected, empty for none; <c>--statsd_expect</c> overrides it.</summary>
    public string Expect { get; set; } = "";
}
