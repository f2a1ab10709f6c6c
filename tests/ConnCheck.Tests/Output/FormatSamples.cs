using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;

namespace ConnCheck.Tests.Output;

/// <summary>
/// A run's results for the structured formats' tests, in the order they might arrive (not file order):
/// every status, a warning with its certificate, a failure with a traceback, an IPv6 host, a name with
/// '#', quotes and non-ASCII letters, and one result made outside a run (no subject).
/// </summary>
internal static class FormatSamples
{
    public static readonly DateTimeOffset Started = new(2024, 5, 1, 12, 0, 0, 250, TimeSpan.Zero);

    public static readonly TimeSpan RunDuration = TimeSpan.FromMilliseconds(1234.5);

    public static readonly FormatSettings Settings = new(ConfigFile: "checks.yaml") { Version = "1.2.3" };

    /// <summary>The traceback of the IPv6 failure, as the pipeline hands it on with -t: already text, no secret in it.</summary>
    public const string Traceback = """
        System.Net.Sockets.SocketException (111): Connection refused
           at System.Net.Sockets.Socket.ConnectAsync(EndPoint remoteEP)
           at ConnCheck.Checks.Tcp.TcpCheck.RunAsync(CheckContext context, CancellationToken cancellationToken)
        """;

    /// <summary>A name with everything a format must escape: '#', quotes, a backslash and non-ASCII letters.</summary>
    public const string AwkwardName = "http:https://api.example.com/café/\"ünïcode\"#top\\x:";

    /// <summary>A message with what YAML and XML must quote: ': ', quotes, '#', '&lt;', a backslash.</summary>
    public const string AwkwardMessage = "status 503: \"Service Unavailable\" # retry <later> & 'soon' \\o/";

    public static readonly CheckResult[] Arrivals =
    [
        Skipped("memcache:cache.example.com:11211:connect", "memcache", 14, "cache.example.com", 11211, sequence: 5),
        new CheckResult("tcp:[::1]:6379", "[::1]:6379", ResultStatus.Failed, Ms(0.42), "Connection refused")
        {
            Subject = Subject("tcp", 9, "::1", 6379, sequence: 2, tags: ["cache"]),
            Stage = FailureStage.Connect,
            Details = Traceback,
        },
        new CheckResult("tcp:db.example.com:5432", "db.example.com:5432", ResultStatus.Ok, Ms(1.27))
        {
            Subject = Subject("tcp", 1, "db.example.com", 5432, sequence: 0, tags: ["db", "prod"], label: "primary database"),
        },
        new CheckResult("tcp:legacy.example.com:25", null, ResultStatus.Ok, Ms(3)),
        new CheckResult(AwkwardName, "GET https://api.example.com/café/", ResultStatus.Failed, Ms(120.5), AwkwardMessage)
        {
            Subject = Subject("http", 11, "api.example.com", 443, sequence: 3, label: "API \"v2\" ✓"),
            Stage = FailureStage.Protocol,
        },
        new CheckResult("tls:www.example.com:443", "www.example.com:443", ResultStatus.Warning, Ms(48.91), "certificate expires on 2024-05-06 (5 days left)")
        {
            Subject = Subject("tls", 5, "www.example.com", 443, sequence: 1, tags: ["web"]),
            Certificate = new ServerCertificate("CN=www.example.com, O=Example", new DateTimeOffset(2024, 5, 6, 8, 30, 0, TimeSpan.Zero), "AB12"),
        },
        new CheckResult("udp:statsd.example.com:8125", "statsd.example.com:8125", ResultStatus.Failed, Ms(10000), "timed out after 10 s")
        {
            Subject = Subject("udp", 12, "statsd.example.com", 8125, sequence: 4),
            Stage = FailureStage.Timeout,
        },
    ];

    /// <summary>The arrivals' counts and the exit code a run with them ends with.</summary>
    public static RunSummary Summary(IEnumerable<CheckResult> results)
    {
        var counts = new ResultCounts();
        foreach (var result in results)
        {
            counts.Add(result.Status);
        }

        return new RunSummary(Started, RunDuration, counts, counts.Total == 0 ? ExitCode.Ok : counts.ExitCode);
    }

    /// <summary>Feeds <paramref name="results"/> to a format, closes it, and returns what it wrote.</summary>
    public static string Write(Func<TextWriter, FormatSettings, IResultFormat> create, FormatSettings settings, IReadOnlyList<CheckResult> results)
    {
        var writer = new Utf8StringWriter();
        var format = create(writer, settings);
        foreach (var result in results)
        {
            format.Add(result);
        }

        format.Close(Summary(results));
        return writer.ToString();
    }

    public static ResultSubject Subject(string type, int line, string? host, int? port, int sequence, string[]? tags = null, string? label = null) =>
        new(type, label, tags ?? [], line, host, port, TimeSpan.FromSeconds(10), sequence);

    private static CheckResult Skipped(string name, string type, int line, string host, int port, int sequence) =>
        CheckResult.Skipped(name, null) with { Subject = Subject(type, line, host, port, sequence) };

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
