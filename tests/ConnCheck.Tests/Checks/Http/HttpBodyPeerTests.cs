using System.Text;
using ConnCheck.Checks;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>Reading the body for <c>expected_body</c> and <c>expected_body_regex</c>, against peers that send what no real server would on cue.</summary>
// Asserts wall time (timeout + 100 ms): run apart from the parallel tests.
[Collection(nameof(ConnCheck.Tests.EndToEnd.WallClockCollection))]
public sealed class HttpBodyPeerTests
{
    private const int MiB = 1 << 20;

    // The stall bound of issue 14: a check ends within its timeout and 100 ms.
    private static readonly TimeSpan Overrun = TimeSpan.FromMilliseconds(100);

    [Theory]
    [InlineData("expected_body: never-sent")]
    [InlineData("expected_body_regex: 'never-sent'")]
    public async Task Run_BodyTrickles_TimesOutWithinTheCheckTimeout(string option)
    {
        var body = Encoding.ASCII.GetBytes(new string('x', 200));
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200) { Body = body, TrickleEvery = TimeSpan.FromMilliseconds(50) });
        var url = $"{peer.Origin}/";
        using var directory = new ConnCheck.Tests.EndToEnd.TempDirectory();
        directory.Write("checks.yaml", $"- type: http\n  url: '{url}'\n  timeout: 1\n  {option}\n");

        // The published binary, so that what is timed is the check, not this process's JIT or thread pool.
        var result = await ConnCheck.Tests.EndToEnd.ConnCheckBinary.RunAsync(directory.Path, ["--format", "json", "checks.yaml"]);

        Assert.Equal(2, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        var request = results.Single(r => r.GetProperty("status").GetString() == "failed");
        Assert.Equal("timeout", request.GetProperty("stage").GetString());
        Assert.Equal("timed out after 1 s", request.GetProperty("message").GetString());

        // One deadline for the whole check: its subchecks together, measured by the runner.
        var total = results.Sum(r => r.GetProperty("duration_seconds").GetDouble());
        Assert.True(total < 1 + Overrun.TotalSeconds, $"the check's subchecks took {total} s in all:\n{result.Stdout}");
    }

    [Fact]
    public async Task Run_BodyTricklesWithoutBodyOption_StatusAloneAnswersAtOnce()
    {
        var body = Encoding.ASCII.GetBytes(new string('x', 200));
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200) { Body = body, TrickleEvery = TimeSpan.FromMilliseconds(50) });
        var url = $"{peer.Origin}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 5\n", null);

        var request = run.Check(url, $"127.0.0.1:{peer.Port}").Request;
        Assert.Equal(ResultStatus.Ok, request.Status);
        Assert.True(request.Duration < TimeSpan.FromSeconds(5), $"took {request.Duration}");
    }

    [Fact]
    public async Task Run_TextBeyondTheFirstMiB_NotFound()
    {
        var body = Encoding.ASCII.GetBytes(new string('a', MiB) + "needle");
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200) { Body = body });
        var url = $"{peer.Origin}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 10\n  expected_body: needle\n", null);

        var request = run.Check(url, $"127.0.0.1:{peer.Port}").Request;
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal($"Unexpected response body: \"{new string('a', 100)}\"... ({MiB} bytes) (does not contain 'needle' in the first 1 MiB)", request.Message);
    }

    [Fact]
    public async Task Run_TextAtTheEndOfTheFirstMiB_Found()
    {
        var body = Encoding.ASCII.GetBytes(new string('a', MiB - 6) + "needle" + new string('b', 1000));
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200) { Body = body });
        var url = $"{peer.Origin}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  timeout: 10\n  expected_body_regex: 'a{{5}}needle'\n", null);

        Assert.Equal(ResultStatus.Ok, run.Check(url, $"127.0.0.1:{peer.Port}").Request.Status);
    }

    [Fact]
    public async Task Run_BodyEchoesASecret_MismatchShowsItMasked()
    {
        const string password = "peer-body-pw-6d1f";
        var body = Encoding.ASCII.GetBytes($"error: bad credentials {password} for alice");
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(503) { Body = body });
        var url = $"{peer.Origin}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  auth: [alice, '{password}']\n  expected_code: 500-599\n  expected_body: ready\n", null);

        var request = run.Check(url, $"127.0.0.1:{peer.Port}").Request;
        StageAssert.Failed(FailureStage.Protocol, request);
        Assert.Equal("Unexpected response body: \"error: bad credentials *** for alice\" (does not contain 'ready')", request.Message);
    }

    [Fact]
    public async Task Run_LongBodyNotMatching_ShowsItsFirst100Characters()
    {
        var text = "é" + new string('z', 150) + "\u20ac";
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200) { Body = Encoding.UTF8.GetBytes(text), ContentType = "text/plain; charset=utf-8" });
        var url = $"{peer.Origin}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_body: 'ok'\n", null);

        var request = run.Check(url, $"127.0.0.1:{peer.Port}").Request;
        Assert.Equal($"Unexpected response body: \"\\xe9{new string('z', 99)}\"... (155 bytes) (does not contain 'ok')", request.Message);
    }

    [Theory]
    [InlineData("text/plain; charset=iso-8859-1", "expected_body: 'café'", true)]
    [InlineData("text/plain; charset=utf-8", "expected_body: 'café'", false)]
    [InlineData("text/plain; charset=x-unknown", "expected_body: 'caf'", true)]
    public async Task Run_BodyInTheCharsetItsContentTypeNames_DecodedSo(string contentType, string option, bool passes)
    {
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200) { Body = Encoding.Latin1.GetBytes("café"), ContentType = contentType });
        var url = $"{peer.Origin}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  {option}\n", null);

        Assert.Equal(passes ? ResultStatus.Ok : ResultStatus.Failed, run.Check(url, $"127.0.0.1:{peer.Port}").Request.Status);
    }

    [Fact]
    public async Task Run_EmptyBody_FailsShowingItEmpty()
    {
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200));
        var url = $"{peer.Origin}/";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n  expected_body_regex: '.'\n", null);

        Assert.Equal("Unexpected response body: \"\" (does not match expected_body_regex '.')", run.Check(url, $"127.0.0.1:{peer.Port}").Request.Message);
    }
}
