using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;
using ConnCheck.Secrets;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Output;

/// <summary>
/// Fixed results for the prometheus and nagios formats, and a run of the real result pipeline over
/// them on a fake clock, so that start time and run duration are the same on every run.
/// </summary>
internal static class MonitoringSamples
{
    public static readonly DateTimeOffset Started = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    public static readonly TimeSpan RunDuration = TimeSpan.FromMilliseconds(410);
    public static readonly DateTimeOffset CertificateNotAfter = new(2026, 1, 7, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A run of several check types, in an arrival order unlike the file's: a duplicate tcp check (SPEC A2),
    /// a check label that needs escaping, an IPv6 host, a certificate close to expiry (a warning),
    /// a failure and the subcheck it left skipped, and an http name with <c>'</c>, <c>=</c> and <c>|</c>.
    /// </summary>
    public static CheckResult[] Run =>
    [
        Result("tcp:[::1]:6379", "[::1]:6379", ResultStatus.Ok, 0.31, Subject("tcp", null, "::1", 6379, sequence: 4)),
        Result("tcp:db.example.com:5432", "db.example.com:5432", ResultStatus.Ok, 1.27, Subject("tcp", "primary db", "db.example.com", 5432, sequence: 0)),
        Result("postgres:db.example.com:5432", "user app", ResultStatus.Failed, 15.25, Subject("postgres", "ops \"east\" \\ team\nb", "db.example.com", 5432, sequence: 2), "password authentication failed for user app", FailureStage.Auth),
        Result("tcp:db.example.com:5432", "db.example.com:5432", ResultStatus.Ok, 0.95, Subject("postgres", "ops \"east\" \\ team\nb", "db.example.com", 5432, sequence: 1)),
        Result("tls:www.example.com:443", "www.example.com:443", ResultStatus.Warning, 22.4, Subject("tls", null, "www.example.com", 443, sequence: 3), "TLS certificate expires on 2026-01-07 (4 days left)")
            with { Certificate = new ServerCertificate("CN=www.example.com", CertificateNotAfter, "AB12") },
        Result("tcp:cache.example.com:11211", "cache.example.com:11211", ResultStatus.Failed, 3, Subject("memcache", null, "cache.example.com", 11211, sequence: 7), "Connection refused", FailureStage.Connect),
        CheckResult.Skipped("memcache:cache.example.com:11211:connect", null) with { Subject = Subject("memcache", null, "cache.example.com", 11211, sequence: 8) },
        Result("http:https://api.example.com/it's?a=b|c:", "GET https://api.example.com/it's?a=b|c", ResultStatus.Ok, 120.5, Subject("http", null, "api.example.com", 443, sequence: 6)),
        Result("tcp:db.example.com:5432", "db.example.com:5432", ResultStatus.Failed, 2.5, Subject("tcp", "primary db", "db.example.com", 5432, sequence: 5), "Connection refused", FailureStage.Connect),
    ];

    public static ResultSubject Subject(string type, string? label, string? host, int? port, int sequence) =>
        new(type, label, [], sequence + 1, host, port, Timeout, sequence);

    public static CheckResult Result(string name, string? info, ResultStatus status, double milliseconds, ResultSubject? subject = null, string? message = null, FailureStage? stage = null) =>
        new(name, info, status, TimeSpan.FromMilliseconds(milliseconds), message) { Subject = subject, Stage = stage };

    /// <summary>Runs <paramref name="results"/> through the result pipeline into <paramref name="format"/> on standard output.</summary>
    public static (string Output, ExitCode ExitCode) Render(ResultFormat format, IEnumerable<CheckResult> results, FormatSettings? settings = null)
    {
        var time = new FakeTimeProvider(Started);
        var stdout = new StringWriter();
        using var pipeline = ResultPipeline.Open([new FormatRequest(format, null)], settings ?? new FormatSettings(), false, Redactor.None, stdout, TextWriter.Null, time);
        foreach (var result in results)
        {
            pipeline.Completed(result);
        }

        time.Advance(RunDuration);
        var exitCode = pipeline.Finish();
        return (stdout.ToString(), exitCode);
    }
}
