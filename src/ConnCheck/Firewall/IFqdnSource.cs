namespace ConnCheck.Firewall;

/// <summary>Names the machine that export-fw runs on, as <c>from_host</c>; replaceable so tests do not depend on the machine.</summary>
internal interface IFqdnSource
{
    /// <summary>This host's fully qualified name, or its plain host name when it has none.</summary>
    Task<string> GetFqdnAsync(CancellationToken cancellationToken);
}
