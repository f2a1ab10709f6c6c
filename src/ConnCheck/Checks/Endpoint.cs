namespace ConnCheck.Checks;

/// <summary>The host (an address, a name or a Unix socket path, never in brackets) and port a result is about.</summary>
internal sealed record Endpoint(string Host, int? Port);
