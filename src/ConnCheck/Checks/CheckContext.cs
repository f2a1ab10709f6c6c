using ConnCheck.Checks.Tls;
using ConnCheck.Net;

namespace ConnCheck.Checks;

/// <summary>What checks share during a run: name resolution, TLS trust and the clock.</summary>
internal sealed class CheckContext(IHostResolver resolver, TlsTrust tlsTrust, TimeProvider time)
{
    public IHostResolver Resolver { get; } = resolver;

    public TlsTrust TlsTrust { get; } = tlsTrust;

    public TimeProvider Time { get; } = time;
}
