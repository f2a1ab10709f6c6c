using System.Net;
using ConnCheck.Checks;
using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;

namespace ConnCheck.Services.Mongo;

/// <summary>
/// <c>type: mongodb</c> (alias <c>mongo</c>) — a tcp connect, then a MongoDB connection that
/// authenticates when <see cref="Credentials"/> are given (null: it does not) and lists the
/// collections of <see cref="Database"/>. <see cref="AuthSource"/> is the database the user is
/// defined in: <see cref="Database"/> unless <c>auth_source</c> says otherwise.
/// </summary>
internal sealed record MongoCheck(CheckCommon Common, string Host, int Port, NetworkCredential? Credentials, string Database, string AuthSource)
    : CheckDefinition(Common)
{
    public const int DefaultPort = 27017;
    public const string DefaultDatabase = "test";

    public static CheckType Type { get; } = new("mongodb", ["mongo"], Parse);

    public override IReadOnlyList<Subcheck> Plan()
    {
        var prefix = $"mongodb:{Names.HostPort(Host, Port)}:";
        var tcp = TcpConnector.Subcheck(Host, Port, handOver: true);
        var connect = Credentials is { } credentials
            ? new Subcheck(prefix + "connect with auth", $"user {credentials.UserName}", ListCollectionsAsync)
            : new Subcheck(prefix + "connect", null, ListCollectionsAsync);
        return [tcp with { Name = prefix + tcp.Name }, connect with { Egress = tcp.Egress }];
    }

    private Task ListCollectionsAsync(CheckContext context, CancellationToken cancellationToken) =>
        MongoConnector.ListCollectionsAsync(context, this, cancellationToken);

    private static MongoCheck Parse(OptionReader options, CheckCommon common)
    {
        var host = options.Host();
        var port = options.Port("port", DefaultPort);
        var username = options.String("username");
        var password = options.SecretString("password")?.Reveal();

        // As in 1.x, the check authenticates only when both a user name and a password are given.
        var credentials = !string.IsNullOrEmpty(username) && !string.IsNullOrEmpty(password) ? new NetworkCredential(username, password) : null;

        // Empty (`database:` or `${DB:-}`) means the default, as no database has the name "".
        var database = options.String("database") is { Length: > 0 } written ? written : DefaultDatabase;
        var authSource = options.String("auth_source") is { Length: > 0 } source ? source : database;
        return new MongoCheck(common, host, port, credentials, database, authSource);
    }
}
