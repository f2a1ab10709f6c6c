using System.Net.Sockets;
using ConnCheck.Checks;
using ConnCheck.Services.Sql;

namespace ConnCheck.Services.Mysql;

/// <summary>
/// What MySqlConnector's log says about its TCP connect, which its exceptions leave out: when the
/// connect starts and ends (reported to the check's progress: a timeout in between is a
/// connect-timeout), and the socket error behind a connect or name lookup it gave up on.
/// </summary>
internal sealed class MysqlConnectLog(CheckProgress progress)
{
    /// <summary>MySqlConnector's log category for sessions.</summary>
    public const string Category = "MySqlConnector.MySqlConnection";

    // Its event ids (MySqlConnector.Logging.EventIds).
    private const int FailedToResolveHostName = 2121;
    private const int ConnectingToIpAddress = 2122;
    private const int FailedToConnectToSingleIpAddress = 2124;
    private const int FailedToConnectToIpAddress = 2125;
    private const int ConnectedToIpAddress = 2126;

    private SocketException? _failure;

    /// <summary>The last socket error of a lookup or connect, or null.</summary>
    public SocketException? Failure => Volatile.Read(ref _failure);

    /// <summary>Reads one event of <see cref="Category"/>.</summary>
    public void Read(DriverLogEvent entry)
    {
        var exception = entry.Exception;
        switch (entry.Id.Id)
        {
            case ConnectingToIpAddress:
                progress.ConnectStarted();
                break;
            case ConnectedToIpAddress:
                progress.ConnectEnded();
                break;
            case FailedToConnectToSingleIpAddress or FailedToConnectToIpAddress:
                // A cancelled connect is logged as a timeout instead: it stays under way.
                progress.ConnectEnded();
                Volatile.Write(ref _failure, exception as SocketException);
                break;
            case FailedToResolveHostName:
                Volatile.Write(ref _failure, exception as SocketException);
                break;
        }
    }
}
