namespace ConnCheck.TestPeers.Mongo;

/// <summary>How a <see cref="MongoWirePeer"/> behaves.</summary>
public sealed record MongoPeerOptions
{
    /// <summary>The users that can authenticate.</summary>
    public IReadOnlyList<MongoPeerUser> Users { get; init; } = [];

    /// <summary>Whether listCollections needs an authenticated connection (mongod's <c>--auth</c>).</summary>
    public bool RequireAuth { get; init; }

    /// <summary>The collection names of each database; a database not listed has none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Collections { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The SASL mechanisms offered, in the order a server lists them.</summary>
    public IReadOnlyList<string> Mechanisms { get; init; } = [ScramConversation.Sha256, ScramConversation.Sha1];

    /// <summary>Accept connections and never answer anything.</summary>
    public bool StallAfterAccept { get; init; }

    /// <summary>With <see cref="StallAfterAccept"/>: how many connections, the first ones, are answered all the same.</summary>
    public int AnsweredConnections { get; init; }

    /// <summary>Stop answering a connection when it sends this command (e.g. <c>listCollections</c>, <c>saslStart</c>).</summary>
    public string? StallOn { get; init; }
}
