namespace ConnCheck.Checks;

/// <summary>A server's leaf certificate as a result reports it.</summary>
/// <param name="Subject">Its subject's distinguished name.</param>
/// <param name="NotAfter">When it expires.</param>
/// <param name="Thumbprint">Its SHA-1 thumbprint: one certificate seen twice in a check is counted once.</param>
internal sealed record ServerCertificate(string Subject, DateTimeOffset NotAfter, string Thumbprint);
