using ConnCheck.Checks;
using MongoDB.Driver;

namespace ConnCheck.Services.Mongo;

/// <summary>Connects with MongoDB.Driver, authenticates when the check has credentials, and lists the collection names of its database.</summary>
internal static class MongoConnector
{
    public static async Task ListCollectionsAsync(CheckContext context, MongoCheck check, CancellationToken cancellationToken)
    {
        using var progress = new MongoProgress(context.Progress, cancellationToken);

        // The check's timeout is the bound; when it fires, the result says what was awaited. While the
        // name is looked up, the runner's own words are the right ones: the name did not resolve in time.
        context.Progress.DescribeTimeout(() => context.Progress.TimeoutStage == FailureStage.Resolve ? null : MongoErrors.TimedOut(check, progress));

        // Our own connection first, through the check's resolver: it tells a name that does not resolve
        // from a connect that is never answered (the driver resolves the name again itself, but says
        // nothing between its lookup and its connect), and a server that does not speak MongoDB's wire
        // protocol from one that does, before the driver trusts what it sends.
        try
        {
            await MongoWireProbe.RunAsync(context, check, progress, cancellationToken);
        }
        catch (Exception e) when (e is not (CheckFailedException or OperationCanceledException) && MongoErrors.Failure(e, check, progress) is { } failure)
        {
            throw failure;
        }

        // The driver would resolve the name itself, past --resolver, ip_version and addresses: all.
        var address = await context.AddressForDriverAsync(check.Host, cancellationToken);
        progress.DriverStarting();
        var client = new MongoClient(Settings(check, address ?? check.Host, context.TimeoutForDriver(), progress));
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

    // host: the check's host, or the address conn-check resolved it to (CheckContext.AddressForDriverAsync).
    private static MongoClientSettings Settings(MongoCheck check, string host, DriverTimeout timeout, MongoProgress progress) => new()
    {
        // Given a name, the driver resolves it itself and tries each address, as the tcp subcheck did
        // through the system resolver. An IPv6 literal must be in brackets.
        Server = new MongoServerAddress(Names.Bracketed(host), check.Port),

        // This one server, as written: no replica-set discovery sending the check to other hosts.
        DirectConnection = true,
        ApplicationName = "conn-check",

        // Each of these bounds one wait (a connect, a read, one server selection), not the whole
        // operation: progress.Token does that. They keep the monitor, which takes no token, in bounds.
        ServerSelectionTimeout = timeout.Value,
        ConnectTimeout = timeout.Value,
        SocketTimeout = timeout.Value,
        HeartbeatTimeout = timeout.Value,
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
