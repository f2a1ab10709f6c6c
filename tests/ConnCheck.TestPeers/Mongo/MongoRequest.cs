using MongoDB.Bson;

namespace ConnCheck.TestPeers.Mongo;

/// <summary>One command as it came off the wire.</summary>
/// <param name="RequestId">The client's requestID, which the reply names in responseTo.</param>
/// <param name="OpCode">OP_MSG or OP_QUERY; the reply goes back in the matching form.</param>
/// <param name="Command">The command document, with <c>$db</c> set and any kind-1 sequences folded in.</param>
/// <param name="ExpectsReply">False when an OP_MSG has moreToCome set: the client wants no answer.</param>
internal sealed record MongoRequest(int RequestId, int OpCode, BsonDocument Command, bool ExpectsReply)
{
    /// <summary>The command name: by the protocol's rule, the first key of the document.</summary>
    public string Name => Command.ElementCount > 0 ? Command.GetElement(0).Name : "";

    public string Database => Command.GetValue("$db", "admin").AsString;

    public string OpCodeName => OpCode == MongoWire.OpQuery ? "OP_QUERY" : "OP_MSG";
}
