using System.Buffers.Binary;
using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ConnCheck.TestPeers.Mongo;

/// <summary>
/// The framing of the MongoDB wire protocol: a 16-byte little-endian header (messageLength,
/// requestID, responseTo, opCode) and a body. Drivers send commands as OP_MSG (2013); the first
/// handshake on a connection still goes out as a legacy OP_QUERY (2004) on <c>admin.$cmd</c>,
/// because the driver does not yet know whether the server speaks OP_MSG, and is answered with an
/// OP_REPLY (1). BSON is read and written with MongoDB.Bson, the library the driver itself uses.
/// </summary>
internal static class MongoWire
{
    public const int OpReply = 1;
    public const int OpQuery = 2004;
    public const int OpMsg = 2013;

    /// <summary>The maxMessageSizeBytes the peer advertises, and the largest message it accepts.</summary>
    public const int MaxMessageLength = 48_000_000;

    private const int HeaderLength = 16;
    private const uint ChecksumPresent = 1 << 0;
    private const uint MoreToCome = 1 << 1;

    /// <summary>The next request, or null when the client closed the connection between messages.</summary>
    public static async Task<MongoRequest?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderLength)
        {
            throw new EndOfStreamException("connection closed inside a message header");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var requestId = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var opCode = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        if (length is <= HeaderLength or > MaxMessageLength)
        {
            throw new InvalidDataException($"bad message length {length}");
        }

        var body = new byte[length - HeaderLength];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return opCode switch
        {
            OpMsg => ParseMsg(requestId, body),
            OpQuery => ParseQuery(requestId, body),

            // OP_COMPRESSED never comes: the peer offers no compressor in its handshake reply.
            _ => throw new InvalidDataException($"unsupported opCode {opCode}"),
        };
    }

    /// <summary>The reply to <paramref name="request"/>: an OP_REPLY to an OP_QUERY, else an OP_MSG with one kind-0 section.</summary>
    public static byte[] Encode(MongoRequest request, int requestId, BsonDocument reply)
    {
        var document = reply.ToBson();
        var legacy = request.OpCode == OpQuery;

        // OP_REPLY: responseFlags, cursorID (int64), startingFrom, numberReturned. OP_MSG: flagBits, section kind.
        var prefix = legacy ? 4 + 8 + 4 + 4 : 4 + 1;
        var message = new byte[HeaderLength + prefix + document.Length];
        var span = message.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], requestId);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], request.RequestId);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], legacy ? OpReply : OpMsg);
        if (legacy)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[32..], 1);
        }

        document.CopyTo(message, HeaderLength + prefix);
        return message;
    }

    private static MongoRequest ParseMsg(int requestId, byte[] body)
    {
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(body);

        // The optional CRC-32C trailer is not verified: on loopback it guards against nothing.
        var end = body.Length - ((flags & ChecksumPresent) != 0 ? 4 : 0);
        var position = 4;
        BsonDocument? command = null;
        var sequences = new List<(string Field, BsonArray Documents)>();
        while (position < end)
        {
            var kind = body[position++];
            switch (kind)
            {
                case 0 when command is null:
                    command = ReadDocument(body, ref position);
                    break;
                case 1:
                    // A document sequence: one field of the command (insert's "documents", say) sent outside
                    // the body so it need not fit in one BSON document. Size counts itself, not the kind byte.
                    var sectionEnd = position + BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
                    position += 4;
                    var field = ReadCString(body, ref position);
                    var documents = new BsonArray();
                    while (position < sectionEnd)
                    {
                        documents.Add(ReadDocument(body, ref position));
                    }

                    sequences.Add((field, documents));
                    break;
                default:
                    throw new InvalidDataException(kind == 0 ? "OP_MSG with two body sections" : $"unknown OP_MSG section kind {kind}");
            }
        }

        if (command is null)
        {
            throw new InvalidDataException("OP_MSG without a body section");
        }

        foreach (var (field, documents) in sequences)
        {
            command[field] = documents;
        }

        return new MongoRequest(requestId, OpMsg, command, ExpectsReply: (flags & MoreToCome) == 0);
    }

    private static MongoRequest ParseQuery(int requestId, byte[] body)
    {
        // flags (secondaryOk and the like: nothing to a standalone server), then the namespace.
        var position = 4;
        var collection = ReadCString(body, ref position);
        position += 8; // numberToSkip, numberToReturn: a command answers with one document regardless
        var query = ReadDocument(body, ref position);
        if (!collection.EndsWith(".$cmd", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"OP_QUERY on {collection} is not a command");
        }

        // A command sent with a read preference is wrapped: {$query: {...}, $readPreference: {...}}.
        if (query.TryGetValue("$query", out var wrapped) && wrapped is BsonDocument inner)
        {
            query = inner;
        }

        query["$db"] = collection[..^".$cmd".Length];
        return new MongoRequest(requestId, OpQuery, query, ExpectsReply: true);
    }

    private static BsonDocument ReadDocument(byte[] body, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
        if (length < 5 || position + length > body.Length)
        {
            throw new InvalidDataException($"bad BSON document length {length}");
        }

        var document = BsonSerializer.Deserialize<BsonDocument>(body.AsSpan(position, length).ToArray());
        position += length;
        return document;
    }

    private static string ReadCString(byte[] body, ref int position)
    {
        var end = Array.IndexOf(body, (byte)0, position);
        if (end < 0)
        {
            throw new InvalidDataException("unterminated string");
        }

        var text = Encoding.UTF8.GetString(body, position, end - position);
        position = end + 1;
        return text;
    }
}
