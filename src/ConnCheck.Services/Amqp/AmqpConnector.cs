using System.Net;
using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using RabbitMQ.Client;

namespace ConnCheck.Services.Amqp;

/// <summary>Opens an AMQP 0-9-1 connection and a channel with RabbitMQ.Client, then closes both.</summary>
internal static class AmqpConnector
{
    // A check without its own timeout runs under --connect-timeout, which checks cannot see: the
    // driver gets this, and the check's token, which fires first, is the bound.
    private static readonly TimeSpan UnknownTimeout = TimeSpan.FromHours(1);

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
        var validator = new CertificateValidator(check.Host, check.VerifyTls, context.TlsTrust, context.Progress);
        var factory = CreateFactory(check, validator);
        factory.SocketFactory = sockets.Create;
        var endpoint = new AmqpTcpEndpoint(address.ToString(), check.Port, factory.Ssl);
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

    private static ConnectionFactory CreateFactory(AmqpCheck check, CertificateValidator validator)
    {
        var limit = check.Common.Timeout ?? UnknownTimeout;
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
                ServerName = check.Host,
                CertificateValidationCallback = validator.Validate,
            },
        };
    }
}
