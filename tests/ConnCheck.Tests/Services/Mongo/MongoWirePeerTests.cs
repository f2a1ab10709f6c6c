using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConnCheck.TestPeers.Mongo;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace ConnCheck.Tests.Services.Mongo;

/// <summary>The peer's framing, byte by byte, where the driver does not go (document sequences).</summary>
public sealed class MongoWirePeerTests
{
    private const int OpMsg = 2013;

    [Fact]
    public async Task Ping_OpMsgWithADocumentSequence_AnsweredOkToTheRequest()
    {
        await using var peer = MongoWirePeer.Start();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, peer.Port));
        await using var stream = new NetworkStream(socket);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        await stream.WriteAsync(Message(requestId: 42, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, "documents", [new BsonDocument("a", 1)]), limit.Token);
        var (responseTo, reply) = await ReadReplyAsync(stream, limit.Token);

        Assert.Equal(42, responseTo);
        Assert.Equal(1.0, reply["ok"].ToDouble());
        Assert.Equal([new MongoPeerCommand("ping", "admin", null, "OP_MSG")], peer.Commands);
    }

    /// <summary>An OP_MSG: flagBits 0, the body (kind 0), then one document sequence (kind 1).</summary>
    private static byte[] Message(int requestId, BsonDocument body, string field, BsonDocument[] sequence)
    {
        var section = new MemoryStream();
        var name = Encoding.UTF8.GetBytes(field + "\0");
        var documents = sequence.SelectMany(d => d.ToBson()).ToArray();
        section.Write(BitConverter.GetBytes(4 + name.Length + documents.Length));
        section.Write(name);
        section.Write(documents);

        var bodyBytes = body.ToBson();
        var message = new MemoryStream();
        message.Write(new byte[16]);
        message.Write(new byte[4]);
        message.WriteByte(0);
        message.Write(bodyBytes);
        message.WriteByte(1);
        message.Write(section.ToArray());
        var bytes = message.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), requestId);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), OpMsg);
        return bytes;
    }

    private static async Task<(int ResponseTo, BsonDocument Reply)> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[16];
        await stream.ReadExactlyAsync(header, cancellationToken);
        Assert.Equal(OpMsg, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)));
        var body = new byte[BinaryPrimitives.ReadInt32LittleEndian(header) - 16];
        await stream.ReadExactlyAsync(body, cancellationToken);
        Assert.Equal(0, body[4]);
        return (BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8)), BsonSerializer.Deserialize<BsonDocument>(body[5..]));
    }
}
