namespace ConnCheck.TestPeers;

/// <summary>
/// What an <see cref="HttpPeer"/> answers: a status and, for a redirect, its Location; optionally a
/// body (with its Content-Type), sent whole or, with <see cref="TrickleEvery"/>, one byte at a time.
/// </summary>
public sealed record HttpPeerAnswer(int Status, string? Location = null)
{
    /// <summary>The body, announced with its Content-Length; none when null.</summary>
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>When set, the body goes one byte per interval, as from a server that trickles.</summary>
    public TimeSpan? TrickleEvery { get; init; }
}
