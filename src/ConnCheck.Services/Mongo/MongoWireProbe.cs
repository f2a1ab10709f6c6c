using System.Buffers.Binary;
using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using MongoDB.Bson;

namespace ConnCheck.Services.Mongo;

/// <summary>
/// Asks the server the handshake's first question on a connection of our own, as the driver asks it
/// (isMaster in an OP_QUERY on <c>admin.$cmd</c>), and checks that the answer is framed as MongoDB
/// frames a reply: a 16-byte header whose responseTo is our request and whose opCode is a reply's.
/// </summary>
/// <remarks>
/// The driver takes the length a reply starts with on trust (up to 48 MB before the handshake) and
/// allocates all of it before it reads on, and offers no hook into its stream. A server that sends
/// something else, random bytes say, would make the driver allocate tens of megabytes per check and
/// then wait for bytes that never come: 200 such checks took a gigabyte and ran past their timeout.
/// Random bytes pass this check with a chance below one in 2^64.
/// </remarks>
internal static class MongoWireProbe
{
    private const int HeaderLength = 16;
    private const int OpReply = 1;
    private const int OpCompressed = 2012;
    private const int OpMsg = 2013;
    private const int OpQuery = 2004;

    // The driver's own limit before the server has told it its maximum.
    private const int MaxMessageLength = 48_000_000;

    // A handshake reply is well under a kilobyte; one longer than this is left unread, not read into memory.
    private const int MaxReplyRead = 64 * 1024;

    private const int RequestId = 1;

    private static readonly byte[] Request = IsMaster();

    /// <summary>Connects through <see cref="TcpConnector"/> and checks the server's answer; throws what the check fails with.</summary>
    public static async Task RunAsync(CheckContext context, MongoCheck check, MongoProgress progress, CancellationToken cancellationToken)
    {
        using var socket = await TcpConnector.ConnectAsync(context, check.Host, check.Port, cancellationToken);
        progress.ProbeConnected();
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Request, cancellationToken);

        var header = new byte[HeaderLength];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var responseTo = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        var opCode = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        if (length is < HeaderLength or > MaxMessageLength || responseTo != RequestId || opCode is not (OpReply or OpMsg or OpCompressed))
        {
            throw new CheckFailedException(FailureStage.Protocol, "MongoDB handshake failed: the server did not answer in the MongoDB wire protocol");
        }

        if (length <= MaxReplyRead)
        {
            // Read to the end, so that closing does not reset the connection under the server's feet.
            await stream.ReadExactlyAsync(new byte[length - HeaderLength], cancellationToken);
        }
    }

    // OP_QUERY: the header, flags, the collection, numberToSkip, numberToReturn (-1: one reply, no cursor), the command.
    private static byte[] IsMaster()
    {
        var collection = "admin.$cmd\0"u8;
        var command = new BsonDocument("isMaster", 1).ToBson();
        var message = new byte[HeaderLength + 4 + collection.Length + 4 + 4 + command.Length];
        var span = message.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], RequestId);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], OpQuery);
        var position = HeaderLength + 4;
        collection.CopyTo(span[position..]);
        position += collection.Length + 4;
        BinaryPrimitives.WriteInt32LittleEndian(span[position..], -1);
        command.CopyTo(span[(position + 4)..]);
        return message;
    }
}
