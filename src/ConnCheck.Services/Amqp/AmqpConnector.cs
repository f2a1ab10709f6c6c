using System.Net;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using RabbitMQ.Client;

namespace ConnCheck.Services.Amqp;

/// <summary>Opens an AMQP 0-9-1 connection and a channel with RabbitMQ.Client, then closes both.</summary>
internal static class AmqpConnector
{
    // The largest frame taken from the broker. Before connection.tune, AMQP 0-9-1 allows no frame larger
    // than frame-min-size (4096 octets), and RabbitMQ's frame_max is 128 KiB; a check's frames (start,
    // tune, open-ok, channel.open-ok, close-ok) are far smaller. The driver otherwise takes a frame's
    // length up to 64 MiB on trust and waits for all of it: a server sending something else (random
    // bytes) would hold the check until its timeout instead of failing it at once.
    private const uint MaxFrameLength = 128 * 1024;

    public static async Task OpenAsync(CheckContext context, AmqpCheck check, CancellationToken cancellationToken)
    {
        // Our own name resolution, as the tcp and tls subchecks did, then each address in turn.
        var addresses = await context.ResolveAsync(check.Host, cancellationToken);
        for (var i = 0; ; i++)
        {
            try
            {
                await OpenAsync(context, check, addresses[i], cancellationToken);
                return;
            }
            // Once the token has fired, whatever the driver throws is the timeout, which the runner reports.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not CheckFailedException)
            {
                if (i + 1 < addresses.Length && AmqpErrors.IsConnectFailure(e))
                {
                    continue;
                }

                throw AmqpErrors.Failure(e, check);
            }
        }
    }

    private static async Task OpenAsync(CheckContext context, AmqpCheck check, IPAddress address, CancellationToken cancellationToken)
    {
        using var sockets = new DriverSockets(context.Progress, cancellationToken);

        // Verifies as the tls subcheck does when verify_tls asks; else accepts any certificate, as 1.x
        // did. Either way it notes the certificate for the expiry check (C3).
        var validator = new CertificateValidator(check.ServerName ?? check.Host, check.VerifyTls, context.TlsTrust, context.Progress);
        var factory = CreateFactory(check, validator, context.TimeoutForDriver());
        factory.SocketFactory = sockets.Create;
        var endpoint = new AmqpTcpEndpoint(address.ToString(), check.Port, factory.Ssl, MaxFrameLength);
        try
        {
            await using var connection = await factory.CreateConnectionAsync([endpoint], cancellationToken);

            // Only a channel proves the vhost serves this user: some refusals come at channel.open.
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
            {
                await channel.CloseAsync(cancellationToken);
            }

            await connection.CloseAsync(cancellationToken);
        }
        catch (Exception e) when (validator.Failure is { } refused)
        {
            // The driver's words for a refused certificate are the TLS stack's; the validator's say why.
            throw new CheckFailedException(FailureStage.Tls, refused, e);
        }
    }

    private static ConnectionFactory CreateFactory(AmqpCheck check, CertificateValidator validator, DriverTimeout timeout)
    {
        // The token ends every wait; DriverSockets closes the connection when it fires.
        var limit = timeout.Value;
        return new ConnectionFactory
        {
            UserName = check.Credentials.UserName,
            Password = check.Credentials.Password,
            VirtualHost = check.Vhost,
            ClientProvidedName = "conn-check",
            RequestedConnectionTimeout = limit,
            HandshakeContinuationTimeout = limit,
            ContinuationTimeout = limit,
            SocketReadTimeout = limit,
            SocketWriteTimeout = limit,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,

            Ssl = new SslOption
            {
                Enabled = check.UseTls,
                ServerName = check.ServerName ?? check.Host,
                CertificateValidationCallback = validator.Validate,
            },
        };
    }
}
