namespace ConnCheck.TestPeers;

/// <summary>What an <see cref="HttpPeer"/> answers: a status and, for a redirect, its Location.</summary>
public sealed record HttpPeerAnswer(int Status, string? Location = null);
