using System.Net;
using System.Net.Sockets;
using ConnCheck.Configuration;
using ConnCheck.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ConnCheck.Checks.Dns;

/// <summary>
/// <c>type: dns</c> — ask a DNS server (<c>server</c>, else <c>--resolver</c>, else the system's) for a
/// name's records of one type (A and AAAA by default); every <c>expect</c> value must be among them.
/// </summary>
internal sealed record DnsCheck(CheckCommon Common, string Host, string? Record, DnsServer? Server, IReadOnlyList<string> Expect) : CheckDefinition(Common)
{
    public static CheckType Type { get; } = new("dns", [], Parse);

    /// <summary>The record types a check may ask for.</summary>
    public static IReadOnlyList<string> Records { get; } = ["A", "AAAA", "CNAME", "MX", "SRV", "TXT"];

    // Without `record`, the name's addresses: either kind will do, as for a connection.
    private const string AddressRecords = "A+AAAA";

    // Enough of the answer to see what the server holds without flooding a line.
    private const int ShownValues = 10;

    private string RecordName => Record ?? AddressRecords;

    public override IReadOnlyList<Subcheck> Plan() =>
    [
        new Subcheck($"dns:{Host}:{RecordName}", Server?.ToString(), RunAsync)
        {
            Egress = Server is { } server ? Egress.Udp(server.Host, server.Port) : null,
            // The structured formats speak of the name asked about; the firewall, of the server asked.
            Target = new Endpoint(Host, null),
        },
    ];

    private async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var server = Server is { } written ? await written.EndPointAsync(context, cancellationToken) : context.Resolver.DnsServer;
        var where = server is null ? "the system's DNS servers" : Names.HostPort(server.Address.ToString(), server.Port);
        QueryType[] types = Record switch
        {
            null => [QueryType.A, QueryType.AAAA],
            var record => [Enum.Parse<QueryType>(record)],
        };

        context.Progress.ResolveStarted();
        var responses = await Task.WhenAll(types.Select(type => DnsQuery.AskAsync(server, Host, type, context.Remaining, cancellationToken)));
        context.Progress.ResolveEnded();

        if (responses.FirstOrDefault(r => r.Header.ResponseCode != DnsHeaderResponseCode.NoError) is { } error)
        {
            var code = DnsQuery.CodeName(error.Header.ResponseCode);
            throw new CheckFailedException(FailureStage.Resolve, error.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
                ? $"{Host} does not exist: {code} from {where}"
                : $"{where} answered {code} for {Host} ({RecordName})");
        }

        // Sorted: servers rotate their answers, and a message should not change with them.
        var answers = responses.SelectMany(r => r.Answers).Select(Read).OfType<Answer>().OrderBy(a => a.Text, StringComparer.Ordinal).ToList();
        if (answers.Count == 0)
        {
            throw new CheckFailedException(FailureStage.Resolve, $"No {RecordName} records for {Host} (from {where})");
        }

        var missing = Expect.Where(expected => !answers.Any(a => a.Matches(expected))).ToList();
        if (missing.Count > 0)
        {
            var shown = string.Join(", ", answers.Take(ShownValues).Select(a => a.Text));
            var more = answers.Count > ShownValues ? $" and {answers.Count - ShownValues} more" : "";
            throw new CheckFailedException(FailureStage.Protocol, $"{RecordName} records of {Host} lack {string.Join(", ", missing)}; got {shown}{more}");
        }
    }

    // The records of the asked-for types; an A or AAAA question's answer also holds the CNAMEs it followed.
    private Answer? Read(DnsResourceRecord record) => (record, Record) switch
    {
        (ARecord a, null or "A") => Answer.Address(a.Address),
        (AaaaRecord aaaa, null or "AAAA") => Answer.Address(aaaa.Address),
        (CNameRecord cname, "CNAME") => Answer.Name(cname.CanonicalName.Value),
        (MxRecord mx, "MX") => Answer.Named($"{mx.Preference} {Trimmed(mx.Exchange.Value)}", Trimmed(mx.Exchange.Value)),
        (SrvRecord srv, "SRV") => Answer.Named($"{srv.Priority} {srv.Weight} {srv.Port} {Trimmed(srv.Target.Value)}", $"{Trimmed(srv.Target.Value)}:{srv.Port}", Trimmed(srv.Target.Value)),
        (TxtRecord txt, "TXT") => new Answer(string.Concat(txt.Text), StringComparison.Ordinal, [string.Concat(txt.Text)]),
        _ => null,
    };

    private static string Trimmed(string name) => name.Length > 1 ? name.TrimEnd('.') : name;

    /// <summary>One record as shown (<see cref="Text"/>) and the forms an expected value may take to match it.</summary>
    private sealed record Answer(string Text, StringComparison Comparison, IReadOnlyList<string> Forms)
    {
        public static Answer Address(IPAddress address) => new(address.ToString(), StringComparison.OrdinalIgnoreCase, [address.ToString()]);

        public static Answer Name(string name) => new(Trimmed(name), StringComparison.OrdinalIgnoreCase, [Trimmed(name)]);

        public static Answer Named(string text, params string[] forms) => new(text, StringComparison.OrdinalIgnoreCase, [text, .. forms]);

        public bool Matches(string expected)
        {
            if (IPAddress.TryParse(expected, out var expectedAddress))
            {
                return IPAddress.TryParse(Text, out var address) && address.Equals(expectedAddress);
            }

            var normalized = Comparison == StringComparison.Ordinal ? expected : Trimmed(string.Join(' ', expected.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            return Forms.Any(form => string.Equals(form, normalized, Comparison));
        }
    }

    private static DnsCheck Parse(OptionReader options, CheckCommon common)
    {
        var host = options.Host();
        string? record = null;
        if (options.String("record") is { } written)
        {
            record = written.Trim().ToUpperInvariant();
            if (!Records.Contains(record))
            {
                options.Error("record", $"record must be one of {string.Join(", ", Records)}, not {Printable.Quote(written)}");
                record = null;
            }
        }

        DnsServer? server = null;
        if (options.String("server") is { } serverText)
        {
            if (DnsServer.TryParse(serverText, out var parsed, out var problem))
            {
                server = parsed;
            }
            else
            {
                options.Error("server", $"server {problem}, not {Printable.Quote(serverText)}");
            }
        }

        var expect = options.StringList("expect");
        if (record is null or "A" or "AAAA")
        {
            var family = record switch
            {
                "A" => (AddressFamily?)AddressFamily.InterNetwork,
                "AAAA" => AddressFamily.InterNetworkV6,
                _ => null,
            };
            foreach (var value in expect)
            {
                if (!IPAddress.TryParse(value, out var address) || (family is { } f && address.AddressFamily != f))
                {
                    options.Error("expect", $"expect: {Printable.Quote(value)} is not an {(family == AddressFamily.InterNetworkV6 ? "IPv6" : family is null ? "IP" : "IPv4")} address, as {record ?? "A and AAAA"} records hold");
                }
            }
        }

        return new(common, host, record, server, expect);
    }
}
