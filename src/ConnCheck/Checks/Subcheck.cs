namespace ConnCheck.Checks;

/// <summary>
/// Runs one step of a check. Returns normally on success and throws on failure; or, for a step whose
/// failures are common (a closed port), returns a <see cref="Task{TResult}"/> of its
/// <see cref="CheckFailedException"/>, null on success: a throw, and its rethrow by every await above it,
/// costs more than a refused connect.
/// </summary>
internal delegate Task SubcheckAction(CheckContext context, CancellationToken cancellationToken);

/// <summary>One named result of a check.</summary>
/// <param name="Name">The result name people grep for (<c>tcp:HOST:PORT</c>).</param>
/// <param name="Info">Printed in failures and by -v (<c>HOST:PORT</c>), or null.</param>
/// <param name="Run">The work.</param>
internal sealed record Subcheck(string Name, string? Info, SubcheckAction Run)
{
    /// <summary>The connection this step opens, for firewall rules; null when it opens none of its own.</summary>
    public Egress? Egress { get; init; }

    /// <summary>What the step talks to when that is not <see cref="Egress"/>: a Unix socket, a URL behind a proxy.</summary>
    public Endpoint? Target { get; init; }

    /// <summary>The host and port its result is about, for the structured formats; null when it has none.</summary>
    public Endpoint? Endpoint => Target ?? (Egress is { } egress ? new(Names.Unbracketed(egress.Host), egress.Port) : null);
}
