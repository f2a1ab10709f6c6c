using System.Net;
using ConnCheck.Checks;
using StackExchange.Redis;

namespace ConnCheck.Services.Redis;

/// <summary>Connects with StackExchange.Redis, authenticates or PINGs, and closes.</summary>
internal static class RedisConnector
{
    // The handshake sends these and nothing else. By default the driver also sends INFO, CONFIG,
    // CLIENT, CLUSTER, ECHO and GET, opens a second connection to SUBSCRIBE, and, where INFO is
    // refused, probes for a replica by SET-ting a key: a check must not write to the user's data, nor
    // fail because an ACL user may not run commands that have nothing to do with logging in.
    private static readonly HashSet<string> Commands = ["AUTH", "PING", "QUIT"];

    public static async Task ConnectAsync(CheckContext context, RedisCheck check, CancellationToken cancellationToken)
    {
        using var tunnel = new RedisTunnel(context, check.Host, check.Port, cancellationToken, check.Tls);
        ConnectionMultiplexer? multiplexer = null;
        try
        {
            // The driver's connect takes no token; the tunnel closes its connection when the token fires.
            var connecting = ConnectionMultiplexer.ConnectAsync(Options(check, tunnel, context.TimeoutForDriver()));
            if (await Task.WhenAny(connecting, tunnel.Failed) != connecting)
            {
                // Refused, or the name not found: that is the answer, whatever the driver makes of it later.
                _ = AbandonAsync(connecting);
                throw tunnel.ConnectFailure!;
            }

            multiplexer = await connecting;
            cancellationToken.ThrowIfCancellationRequested();
            var database = multiplexer.GetDatabase();
            if (check.Password is { } password)
            {
                // The driver sent AUTH while connecting, but it ignores the answer of a server that has
                // no password at all; asking again proves the password is what lets us in.
                var reply = check.Username is { } username
                    ? database.ExecuteAsync("AUTH", username, password.Reveal())
                    : database.ExecuteAsync("AUTH", password.Reveal());
                await reply.WaitAsync(cancellationToken);
            }
            else
            {
                await database.PingAsync().WaitAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // At the token, the tunnel's closing is what made the driver fail: the cause is the timeout.
            cancellationToken.ThrowIfCancellationRequested();
            throw RedisErrors.Failure(e, check, tunnel, context.Secrets);
        }
        finally
        {
            if (multiplexer is not null)
            {
                // No QUIT and no waiting for replies: nothing is pending that matters.
                await multiplexer.CloseAsync(allowCommandsToComplete: false);
            }
        }
    }

    // The tunnel opens nothing more, so the driver's attempt ends as failed; should it not, its multiplexer is closed.
    private static async Task AbandonAsync(Task<ConnectionMultiplexer> connecting)
    {
        try
        {
            await (await connecting).CloseAsync(allowCommandsToComplete: false);
        }
        catch (Exception)
        {
            // The attempt failed, as it had to: nothing to close.
        }
    }

    private static ConfigurationOptions Options(RedisCheck check, RedisTunnel tunnel, DriverTimeout timeout)
    {
        // The token closes the tunnel's connection, so the driver never actually waits this long.
        var limit = timeout.Milliseconds;
        return new ConfigurationOptions
        {
            // Names the server in the driver's state only: the tunnel opens the connection.
            EndPoints = { IPAddress.TryParse(check.Host, out var address) ? new IPEndPoint(address, check.Port) : new DnsEndPoint(check.Host, check.Port) },
            Tunnel = tunnel,
            User = check.Username,
            Password = check.Password?.Reveal(),
            CommandMap = CommandMap.Create(Commands, available: true),
            ConfigurationChannel = "",
            TieBreaker = "",
            SetClientLibrary = false,

            // One attempt: fail at once rather than retry or queue commands until reconnected.
            AbortOnConnectFail = true,
            ConnectRetry = 0,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = limit,
            SyncTimeout = limit,
            AsyncTimeout = limit,
        };
    }
}
