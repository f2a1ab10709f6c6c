using System.Text;
using MongoDB.Bson;

namespace ConnCheck.TestPeers.Mongo;

/// <summary>
/// One client connection, answered in order as a standalone mongod would: the handshake, ping,
/// buildInfo, SCRAM authentication, listCollections and endSessions, with mongod's error codes.
/// </summary>
internal sealed class MongoPeerConnection(MongoWirePeer peer, int connectionId)
{
    private const int MaxBsonObjectSize = 16 * 1024 * 1024;

    // MongoDB 7.0. Without topologyVersion in the reply the driver polls instead of streaming heartbeats.
    private const int MaxWireVersion = 21;

    private ScramConversation? _conversation;
    private bool _skipEmptyExchange;
    private bool _awaitingEmptyStep;
    private string? _user;
    private bool _stalled;

    public async Task ServeAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (await MongoWire.ReadAsync(stream, cancellationToken) is { } request)
        {
            peer.Record(new MongoPeerCommand(request.Name, request.Database, _user, request.OpCodeName));

            // Stalled: keep reading so the client is never blocked on a full window, but answer nothing more.
            _stalled |= request.Name == peer.Options.StallOn;
            if (_stalled || !request.ExpectsReply)
            {
                continue;
            }

            await stream.WriteAsync(MongoWire.Encode(request, peer.NextRequestId(), Answer(request)), cancellationToken);
        }
    }

    private BsonDocument Answer(MongoRequest request) => request.Name switch
    {
        "hello" or "isMaster" or "ismaster" => Hello(request),
        "ping" or "endSessions" => Ok(),
        "buildInfo" or "buildinfo" => BuildInfo(),
        "saslStart" => SaslStart(request),
        "saslContinue" => SaslContinue(request),
        "listCollections" => ListCollections(request),
        var name => Error(59, "CommandNotFound", $"no such command: '{name}'"),
    };

    private BsonDocument Hello(MongoRequest request)
    {
        var command = request.Command;
        var reply = new BsonDocument();

        // helloOk: the client may use "hello" instead of the legacy "isMaster" from now on.
        reply.Add("helloOk", true, command.Contains("helloOk"));
        reply.Add(request.Name == "hello" ? "isWritablePrimary" : "ismaster", true);
        reply.Add("maxBsonObjectSize", MaxBsonObjectSize);
        reply.Add("maxMessageSizeBytes", MongoWire.MaxMessageLength);
        reply.Add("maxWriteBatchSize", 100_000);
        reply.Add("localTime", new BsonDateTime(DateTime.UtcNow));
        reply.Add("logicalSessionTimeoutMinutes", 30);
        reply.Add("connectionId", connectionId);
        reply.Add("minWireVersion", 0);
        reply.Add("maxWireVersion", MaxWireVersion);
        reply.Add("readOnly", false);

        // "saslSupportedMechs: DB.USER" asks which mechanisms that user has, so that the driver can
        // choose SCRAM-SHA-256 without guessing. A database name cannot contain a dot; a user name can.
        if (command.GetValue("saslSupportedMechs", BsonNull.Value) is BsonString { Value: var qualified }
            && qualified.Split('.', 2) is [var database, var name]
            && peer.Options.Users.Any(u => u.Name == name && u.Database == database))
        {
            reply.Add("saslSupportedMechs", new BsonArray(peer.Options.Mechanisms));
        }

        // speculativeAuthenticate (a saslStart folded into the handshake) is optional for a server:
        // leaving it unanswered makes the driver run saslStart and saslContinue, which is what we test.
        reply.Add("ok", 1.0);
        return reply;
    }

    private static BsonDocument BuildInfo() => new()
    {
        { "version", "7.0.0" },
        { "versionArray", new BsonArray { 7, 0, 0, 0 } },
        { "maxBsonObjectSize", MaxBsonObjectSize },
        { "ok", 1.0 },
    };

    private BsonDocument SaslStart(MongoRequest request)
    {
        var mechanism = request.Command.GetValue("mechanism", "").AsString;
        if (!peer.Options.Mechanisms.Contains(mechanism))
        {
            return Error(334, "MechanismUnavailable", $"Received authentication for mechanism {mechanism} which is not enabled");
        }

        _conversation = new ScramConversation(mechanism, request.Database, peer.Options.Users);
        _skipEmptyExchange = request.Command.GetValue("options", new BsonDocument()) is BsonDocument options
            && options.GetValue("skipEmptyExchange", false).ToBoolean();
        _awaitingEmptyStep = false;
        if (_conversation.Start(Payload(request.Command)) is not { } serverFirst)
        {
            return AuthenticationFailed(request.Database);
        }

        return SaslReply(done: false, serverFirst);
    }

    private BsonDocument SaslContinue(MongoRequest request)
    {
        if (_conversation is null || request.Command.GetValue("conversationId", 0).ToInt32() != 1)
        {
            return Error(17, "ProtocolError", "No SASL session state found");
        }

        if (_awaitingEmptyStep)
        {
            // A client that did not ask to skip it sends one more, empty, message after server-final.
            _conversation = null;
            return SaslReply(done: true, "");
        }

        var serverFinal = _conversation.Finish(Payload(request.Command));
        if (serverFinal is null)
        {
            return AuthenticationFailed(request.Database);
        }

        peer.Record(new MongoPeerLogin(_conversation.UserName, request.Database, _conversation.Mechanism, Succeeded: true));
        _user = _conversation.UserName;
        _awaitingEmptyStep = !_skipEmptyExchange;
        if (_skipEmptyExchange)
        {
            _conversation = null;
        }

        return SaslReply(done: _skipEmptyExchange, serverFinal);
    }

    private BsonDocument ListCollections(MongoRequest request)
    {
        var database = request.Database;
        if (peer.Options.RequireAuth && _user is null)
        {
            return Error(13, "Unauthorized", "command listCollections requires authentication");
        }

        // Like mongod, a refusal quotes the command; the driver puts it in its exception's message.
        var user = peer.Options.Users.FirstOrDefault(u => u.Name == _user);
        if (peer.Options.RequireAuth && user?.ReadableDatabases is { } readable && !readable.Contains(database))
        {
            return Error(13, "Unauthorized", $"not authorized on {database} to execute command {request.Command.ToJson()}");
        }

        var names = peer.Options.Collections.GetValueOrDefault(database) ?? [];
        var batch = new BsonArray(names.Select(name => new BsonDocument { { "name", name }, { "type", "collection" } }));
        return new BsonDocument
        {
            // Cursor id 0: the whole answer is in the first batch, so no getMore follows.
            { "cursor", new BsonDocument { { "id", 0L }, { "ns", $"{database}.$cmd.listCollections" }, { "firstBatch", batch } } },
            { "ok", 1.0 },
        };
    }

    private BsonDocument AuthenticationFailed(string database)
    {
        if (_conversation is { } failed)
        {
            peer.Record(new MongoPeerLogin(failed.UserName, database, failed.Mechanism, Succeeded: false));
        }

        _conversation = null;
        return Error(18, "AuthenticationFailed", "Authentication failed.");
    }

    private static BsonDocument SaslReply(bool done, string payload) => new()
    {
        { "conversationId", 1 },
        { "done", done },
        { "payload", new BsonBinaryData(Encoding.UTF8.GetBytes(payload)) },
        { "ok", 1.0 },
    };

    /// <summary>A SASL payload: binary from drivers, though the shell has been known to send a string.</summary>
    private static string Payload(BsonDocument command) => command.GetValue("payload", "") switch
    {
        BsonBinaryData binary => Encoding.UTF8.GetString(binary.Bytes),
        var other => other.ToString() ?? "",
    };

    private static BsonDocument Ok() => new() { { "ok", 1.0 } };

    private static BsonDocument Error(int code, string codeName, string message) => new()
    {
        { "ok", 0.0 },
        { "errmsg", message },
        { "code", code },
        { "codeName", codeName },
    };
}
