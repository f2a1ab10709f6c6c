using System.Globalization;
using System.Text.Json;
using ConnCheck.Tests.Checks.Http;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// A peer that reads the ClientHello of a handshake with a client certificate and never answers: the
/// published binary reports each check timed out, within 100 ms of its timeout. Timed through the binary:
/// run in this process (JIT-compiled), the same check ended up to 0.45 s late in one run of six, which the
/// binary never did. Run alone: other tests' load on a 2-core machine would skew the time.
/// </summary>
[Collection(nameof(WallClockCollection))]
public sealed class MutualTlsStallTests(TestServers servers) : IClassFixture<TestServers>, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_ServerStallsMidHandshake_TlsAndHttpsTimedOutWithinTheirTimeout()
    {
        await using var peer = SilentPeer.Start();
        var config = _directory.Write("checks.yaml", $"""
            - type: tls
              host: localhost
              port: {peer.Port}
              client_cert: '{servers.ClientCert}'
              client_key: '{servers.ClientKey}'
              timeout: 0.5
            - type: https
              url: 'https://localhost:{peer.Port}/'
              client_cert: '{servers.ClientCert}'
              client_key: '{servers.ClientKey}'
              timeout: 0.5

            """);

        var result = await ConnCheckBinary.RunAsync(_directory.Path, ["--format", "json", config]);

        using var document = JsonDocument.Parse(result.Stdout);
        var failed = document.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("status").GetString() == "failed")
            .Select(r => (
                Name: r.GetProperty("name").GetString(),
                Stage: r.GetProperty("stage").GetString(),
                Message: r.GetProperty("message").GetString(),
                Seconds: r.GetProperty("duration_seconds").GetDouble()))
            .ToList();
        Assert.Equal(
            [($"tls:localhost:{peer.Port}", "timeout", "timed out after 0.5 s"), ($"http:https://localhost:{peer.Port}/:", "timeout", "timed out after 0.5 s")],
            failed.Select(r => (r.Name, r.Stage, r.Message)));
        Assert.All(failed, r => Assert.True(r.Seconds <= 0.6, $"{r.Name} took {r.Seconds.ToString(CultureInfo.InvariantCulture)} s"));
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(2.5), $"took {result.Elapsed.TotalMilliseconds:0} ms:\n{result}");
        Assert.Equal(2, result.ExitCode);
    }
}
