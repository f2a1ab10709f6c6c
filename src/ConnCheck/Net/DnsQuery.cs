using System.Net;
using System.Net.Sockets;
using ConnCheck.Checks;
using DnsClient;

namespace ConnCheck.Net;

/// <summary>One DNS question to one server (or the system's servers), bounded by the caller's token and time left.</summary>
internal static class DnsQuery
{
    // Outside a check (export-fw's lookups) nothing else bounds a question that is never answered.
    private static readonly TimeSpan OutsideCheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The server's response, whatever its code; throws a <see cref="CheckFailedException"/> (stage resolve)
    /// when none came. <paramref name="server"/> null: the servers of /etc/resolv.conf.
    /// </summary>
    public static async Task<IDnsQueryResponse> AskAsync(IPEndPoint? server, string name, QueryType type, TimeSpan? remaining, CancellationToken cancellationToken)
    {
        var options = server is null ? new LookupClientOptions() : new LookupClientOptions(new NameServer(server));
        options.UseCache = false;
        options.Retries = 0;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.ContinueOnEmptyResponse = false;
        options.UseTcpFallback = true;

        // The library's own clock ends a question the server never answers no later than the check's;
        // WaitAsync ends it on the check's token whatever the library does with it.
        var timeout = remaining ?? OutsideCheckTimeout;
        options.Timeout = timeout > TimeSpan.FromMilliseconds(1) ? timeout : TimeSpan.FromMilliseconds(1);
        var client = new LookupClient(options);
        var where = server is null ? "the system's DNS servers" : Names.HostPort(server.Address.ToString(), server.Port);
        try
        {
            return await client.QueryAsync(name, type, QueryClass.IN, cancellationToken).WaitAsync(cancellationToken);
        }
        catch (DnsResponseException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CheckFailedException(FailureStage.Resolve, $"DNS query for {name} ({type}) to {where} failed: {Describe(e)}", e)
            {
                Unanswered = e.Code == DnsResponseCode.ConnectionTimeout,
            };
        }
        catch (SocketException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CheckFailedException(FailureStage.Resolve, $"DNS query for {name} ({type}) to {where} failed: {e.Message}", e);
        }
    }

    /// <summary>The response code as people know it: NXDOMAIN, SERVFAIL, REFUSED.</summary>
    public static string CodeName(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.NotExistentDomain => "NXDOMAIN",
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.Refused => "REFUSED",
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        _ => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Describe(DnsResponseException e) => e.Code switch
    {
        DnsResponseCode.ConnectionTimeout => "no answer",
        _ => e.DnsError,
    };
}
