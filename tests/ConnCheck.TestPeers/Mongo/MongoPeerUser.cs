namespace ConnCheck.TestPeers.Mongo;

/// <summary>A user the <see cref="MongoWirePeer"/> knows.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Password">The password.</param>
/// <param name="Database">The database the user is defined in: the auth source a client must name.</param>
/// <param name="ReadableDatabases">The databases whose collections the user may list; null for all of them.</param>
public sealed record MongoPeerUser(string Name, string Password, string Database = "admin", IReadOnlyList<string>? ReadableDatabases = null);
