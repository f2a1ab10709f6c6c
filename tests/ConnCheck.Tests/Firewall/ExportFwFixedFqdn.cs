using ConnCheck.Firewall;

namespace ConnCheck.Tests.Firewall;

/// <summary>A machine name that does not depend on the machine.</summary>
internal sealed class ExportFwFixedFqdn(string fqdn) : IFqdnSource
{
    public Task<string> GetFqdnAsync(CancellationToken cancellationToken) => Task.FromResult(fqdn);
}
