namespace ConnCheck.TestPeers.Mongo;

/// <summary>A command the peer received.</summary>
/// <param name="Name">The command name (its first key, e.g. <c>listCollections</c>).</param>
/// <param name="Database">The database it ran on (<c>$db</c>, or the namespace of an OP_QUERY).</param>
/// <param name="User">The user the connection had authenticated as at the time, or null.</param>
/// <param name="OpCode">The message it came in: <c>OP_MSG</c> or <c>OP_QUERY</c>.</param>
public sealed record MongoPeerCommand(string Name, string Database, string? User, string OpCode);
