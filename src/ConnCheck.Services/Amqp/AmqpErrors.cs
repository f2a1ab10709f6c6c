using System.Net.Sockets;
using System.Security.Authentication;
using ConnCheck.Checks;
using ConnCheck.Net;
using RabbitMQ.Client.Exceptions;

namespace ConnCheck.Services.Amqp;

/// <summary>RabbitMQ.Client's exceptions in the words of an AMQP user (the broker's own, where it has them).</summary>
internal static class AmqpErrors
{
    // AMQP 0-9-1 reply codes (the spec's constants).
    private const ushort AccessRefused = 403;
    private const ushort NotAllowed = 530;

    /// <summary>Whether the error is a failure to connect at all, so that another address may do better.</summary>
    public static bool IsConnectFailure(Exception error) =>
        Unwrap(error) is ConnectFailureException or SocketException;

    public static CheckFailedException Failure(Exception error, AmqpCheck check)
    {
        var (stage, message) = Describe(error, check);
        return new(stage, message, error);
    }

    private static (FailureStage Stage, string Message) Describe(Exception error, AmqpCheck check)
    {
        var user = check.Credentials.UserName;
        switch (Unwrap(error))
        {
            case AuthenticationFailureException:
                return (FailureStage.Auth, $"authentication failed for user \"{user}\"");
            case PossibleAuthenticationFailureException:
                // The broker hung up during the handshake without a reason; old brokers answer a bad login so.
                return (FailureStage.Auth, $"the server closed the connection during the handshake (possibly an authentication failure for user \"{user}\")");
            case OperationInterruptedException { ShutdownReason: { } reason }:
                return reason.ReplyCode switch
                {
                    NotAllowed => (FailureStage.Auth, $"vhost \"{check.Vhost}\" not found or access refused ({reason.ReplyText})"),
                    AccessRefused => (FailureStage.Auth, $"access refused ({reason.ReplyText})"),
                    _ => (FailureStage.Protocol, $"the server closed the connection: {reason.ReplyCode} {reason.ReplyText}"),
                };
            case ProtocolVersionMismatchException mismatch:
                return (FailureStage.Protocol, $"the server does not speak AMQP 0-9-1 (it offers {mismatch.ServerMajor}-{mismatch.ServerMinor})");
            case ConnectFailureException { InnerException: SocketException socket }:
                return (SocketErrors.Stage(socket.SocketErrorCode), SocketErrors.Describe(socket.SocketErrorCode));
            case ConnectFailureException { InnerException: TimeoutException }:
                return (FailureStage.ConnectTimeout, "Connection timed out");
            case SocketException socket:
                return (SocketErrors.Stage(socket.SocketErrorCode), SocketErrors.Describe(socket.SocketErrorCode));
            case IOException { InnerException: SocketException socket }:
                return (FailureStage.Protocol, SocketErrors.Describe(socket.SocketErrorCode));
            case AuthenticationException tls:
                return (FailureStage.Tls, $"TLS handshake failed: {FirstLine(tls.Message)}");
            case IOException { InnerException: PacketNotRecognizedException header }:
                // A broker that does not speak the client's version answers with the header of one it does.
                return (FailureStage.Protocol, $"the server does not speak AMQP 0-9-1 (it answered with the protocol header AMQP {header.TransportHigh} {header.TransportLow} {header.ServerMajor} {header.ServerMinor})");
            case IOException handshake when handshake.Message.Contains("connection.start", StringComparison.Ordinal):
                // The driver's words for a server that closed, or sent anything but connection.start.
                return (FailureStage.Protocol, check.UseTls
                    ? "the server did not start an AMQP 0-9-1 handshake"
                    : "the server did not start an AMQP 0-9-1 handshake (is this a TLS port? use_tls is false)");
            case EndOfStreamException or IOException:
                return (FailureStage.Protocol, "the server closed the connection");
            case TimeoutException or OperationCanceledException:
                return (FailureStage.Timeout, "timed out waiting for the server");
            case var other:
                return (FailureStage.Protocol, FirstLine(other.Message));
        }
    }

    // The driver wraps the cause in BrokerUnreachableException, and several endpoints' causes in an AggregateException.
    private static Exception Unwrap(Exception error)
    {
        while (true)
        {
            switch (error)
            {
                case BrokerUnreachableException { InnerException: { } inner }:
                    error = inner;
                    break;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    error = aggregate.InnerExceptions[^1];
                    break;
                default:
                    return error;
            }
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).Trim();
    }
}
