using ConnCheck.Checks;
using MongoDB.Driver;

namespace ConnCheck.Services.Mongo;

/// <summary>Connects with MongoDB.Driver, authenticates when the check has credentials, and lists the collection names of its database.</summary>
internal static class MongoConnector
{
    // Without a deadline (a subcheck run outside the runner) the check's token alone bounds the driver.
    private static readonly TimeSpan UnknownTimeout = TimeSpan.FromHours(1);

    // The driver stops this much before the check's timeout (a tenth of the time left, within these
    // bounds), so that the check reports what the driver was waiting for, not the runner a bare "timed out".
    private static readonly TimeSpan MinMargin = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxMargin = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MinDriverTimeout = TimeSpan.FromMilliseconds(10);

    public static async Task ListCollectionsAsync(CheckContext context, MongoCheck check, CancellationToken cancellationToken)
    {
        // The driver looks the name up again itself, but says nothing between its lookup and its connect:
        // this lookup, through the check's resolver, tells a name that does not resolve (or a DNS server
        // that does not answer) from a connect that is never answered.
        await context.ResolveAsync(check.Host, cancellationToken);
        var timeout = DriverTimeout(context.Remaining ?? check.Common.Timeout ?? UnknownTimeout);
        using var progress = new MongoProgress(timeout, context.Time, context.Progress, cancellationToken);
        var client = new MongoClient(Settings(check, timeout, progress));
        try
        {
            using var names = await client.GetDatabase(check.Database).ListCollectionNamesAsync(cancellationToken: progress.Token);
            await names.ToListAsync(progress.Token);
        }
        catch (Exception e) when (MongoErrors.Failure(e, check, progress) is { } failure)
        {
            throw failure;
        }
        finally
        {
            Close(client);
        }
    }

    internal static TimeSpan DriverTimeout(TimeSpan remaining)
    {
        var margin = TimeSpan.FromTicks(Math.Clamp(remaining.Ticks / 10, MinMargin.Ticks, MaxMargin.Ticks));
        return remaining - margin > MinDriverTimeout ? remaining - margin : MinDriverTimeout;
    }

    /// <summary>
    /// Stops the client's monitor and closes its connections, in the background. MongoClient.Dispose
    /// alone leaves the cluster running (the driver keeps clusters in a registry, shared by clients
    /// with equal settings), so the cluster is taken out of the registry and disposed. That sends
    /// endSessions, which a server that has stopped answering holds up to the driver's socket
    /// timeout: the check's result does not wait for it.
    /// </summary>
    private static void Close(MongoClient client)
    {
        var cluster = client.Cluster;
        _ = Task.Run(() =>
        {
            try
            {
                ClusterRegistry.Instance.UnregisterAndDisposeCluster(cluster);
            }
            finally
            {
                client.Dispose();
            }
        });
    }

    private static MongoClientSettings Settings(MongoCheck check, TimeSpan timeout, MongoProgress progress) => new()
    {
        // The driver resolves the name itself and tries each address; the tcp subcheck has already
        // resolved it the same way through the system resolver. An IPv6 literal must be in brackets.
        Server = new MongoServerAddress(Names.Bracketed(check.Host), check.Port),

        // This one server, as written: no replica-set discovery sending the check to other hosts.
        DirectConnection = true,
        ApplicationName = "conn-check",

        // Each of these bounds one wait (a connect, a read, one server selection), not the whole
        // operation: progress.Token does that. They keep the monitor, which takes no token, in bounds.
        ServerSelectionTimeout = timeout,
        ConnectTimeout = timeout,
        SocketTimeout = timeout,
        HeartbeatTimeout = timeout,
        RetryReads = false,
        RetryWrites = false,

        // No mechanism named: the driver asks the server which mechanisms the user has (saslSupportedMechs)
        // and uses SCRAM-SHA-256 when offered, SCRAM-SHA-1 for a user that only has that.
        Credential = check.Credentials is { } credentials ? MongoCredential.CreateCredential(check.AuthSource, credentials.UserName, credentials.Password) : null,

        // The driver shares one cluster (monitor and pool) among clients with equal settings, and compares
        // a configurator by reference: this one, new for each check, gives the check a cluster of its own,
        // which Close can dispose without touching another check's.
        ClusterConfigurator = progress.Attach,
    };
}
