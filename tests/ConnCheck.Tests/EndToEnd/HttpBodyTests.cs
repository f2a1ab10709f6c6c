using System.Text;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// expected_body_regex in the published (Native AOT) binary: both regex engines it uses, the linear
/// one and the backtracking one for lookarounds, are in the build.
/// </summary>
public sealed class HttpBodyTests
{
    [Fact]
    public async Task Run_RegexesOfBothEngines_MatchAndMismatchAsInTheLibrary()
    {
        await using var peer = HttpPeer.Start(_ => new HttpPeerAnswer(200) { Body = Encoding.ASCII.GetBytes("{\"status\": \"ok\", \"version\": 7}") });
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"""
            - type: http
              url: {peer.Origin}/linear
              expected_code: 200-299
              expected_body_regex: '"status":\s*"(ok|degraded)"'
            - type: http
              url: {peer.Origin}/lookaround
              expected_body_regex: '(?<="version": )7'
            - type: http
              url: {peer.Origin}/mismatch
              expected_code: [200, 204]
              expected_body_regex: '"status":\s*"down"'
            """);

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["checks.yaml"]);

        Assert.Equal(
            [
                $"http:{peer.Origin}/mismatch: FAILED - (GET {peer.Origin}/mismatch) Unexpected response body: \"{{\\\"status\\\": \\\"ok\\\", \\\"version\\\": 7}}\" (does not match expected_body_regex '\"status\":\\s*\"down\"')",
                $"http:{peer.Origin}/linear: OK",
                $"http:{peer.Origin}/linear:tcp:{peer.Origin[7..]} OK",
                $"http:{peer.Origin}/lookaround: OK",
                $"http:{peer.Origin}/lookaround:tcp:{peer.Origin[7..]} OK",
                $"http:{peer.Origin}/mismatch:tcp:{peer.Origin[7..]} OK",
            ],
            result.StdoutLines);
        Assert.Equal(2, result.ExitCode);
    }
}
