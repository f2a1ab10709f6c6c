using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Tests.Output;

public sealed class TextOutputSnapshotTests
{
    private const string Secret = "s3cr3t-pass";

    // A run's results in the order they might arrive; errors are built, not thrown, so that their text
    // has no stack trace and the snapshots do not depend on line numbers.
    private static readonly CheckResult[] Arrivals =
    [
        new("tcp:db.example.com:5432", "db.example.com:5432", ResultStatus.Ok, Ms(1.27)),
        CheckResult.Skipped("memcache:cache.example.com:11211:connect", null),
        new("tls:www.example.com:443", "www.example.com:443", ResultStatus.Failed, Ms(48.91), "TLS handshake failed: the certificate has expired",
            new CheckFailedException(FailureStage.Tls, "TLS handshake failed: the certificate has expired", new InvalidOperationException("certificate expired on 2024-01-01"))),
        new("tcp:[::1]:6379", "[::1]:6379", ResultStatus.Ok, Ms(0.31)),
        new("http:https://api.example.com/health:", "GET https://api.example.com/health", ResultStatus.Failed, Ms(120.5), "status 503, expected 200"),
        new("udp:statsd.example.com:8125", "statsd.example.com:8125", ResultStatus.Failed, Ms(10000), "timed out after 10 s",
            new OperationCanceledException("The operation was canceled.")),
        new("tcp:Cache.example.com:11211", "Cache.example.com:11211", ResultStatus.Ok, Ms(2.05)),
        new("tcp:cache.example.com:11211", "cache.example.com:11211", ResultStatus.Failed, Ms(3), "Connection refused"),
        CheckResult.Skipped("tcp:cache-2.example.com:11211", "cache-2.example.com:11211"),
        new("tcp:db.example.com:6432", "db.example.com:6432", ResultStatus.Ok, Ms(0.95)),
        new("postgres:db.example.com:5432", "user app", ResultStatus.Failed, Ms(15.25), $"password {Secret} rejected for user app",
            new CheckFailedException(FailureStage.Auth, $"password {Secret} rejected for user app\nserver said: FATAL")),
        new("tls:db.example.com:443", "db.example.com:443", ResultStatus.Ok, Ms(22.4)),
    ];

    [Fact]
    public void Finish_Buffered_MatchesSnapshot() => Check("text-buffered.txt", new TextOutputOptions());

    [Fact]
    public void Finish_BufferedWithDurations_MatchesSnapshot() => Check("text-buffered-duration.txt", new TextOutputOptions(ShowDuration: true));

    [Fact]
    public void Finish_BufferedWithTracebacks_MatchesSnapshot() => Check("text-buffered-tracebacks.txt", new TextOutputOptions(Tracebacks: true));

    [Fact]
    public void Finish_Unbuffered_MatchesSnapshot() => Check("text-unbuffered.txt", new TextOutputOptions(Buffered: false));

    private static void Check(string snapshot, TextOutputOptions options)
    {
        var writer = new StringWriter();
        var output = new TextPipeline(writer, options, new Redactor([Secret]));
        foreach (var result in Arrivals)
        {
            output.Completed(result);
        }

        Assert.Equal(2, output.Finish());
        Snapshot.Matches(snapshot, writer.ToString());
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
