using System.Text.Json;
using System.Xml.Linq;
using ConnCheck.TestPeers;
using ConnCheck.Tests.Output;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// Every format in one run of the published binary, under --max-timeout and under tags: each file is
/// complete and read by its consumer, and all of them tell the same story as the text.
/// </summary>
public sealed class EveryFormatTests : IAsyncLifetime
{
    private static readonly string[] Files = ["results.json", "results.xml", "results.tap", "results.prom", "results.nagios"];

    private readonly TempDirectory _directory = new();
    private TcpPeer _tcp = null!;
    private SilentPeer _silent = null!;

    private string StalledName => $"tls:127.0.0.1:{_silent.Port}";

    private string TcpName => $"tcp:127.0.0.1:{_tcp.Port}";

    public Task InitializeAsync()
    {
        _tcp = TcpPeer.Start();
        _silent = SilentPeer.Start();
        _directory.Write("checks.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {_tcp.Port}
              tags: [web]
            - type: tls
              host: 127.0.0.1
              port: {_silent.Port}
              timeout: 20
              tags: [slow]
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _tcp.DisposeAsync();
        await _silent.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Run_MaxTimeoutStrikes_EveryFileWholeAndTheStalledCheckFailedAtMaxTimeout()
    {
        var result = await RunAsync("--max-timeout", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"took {result.Elapsed}");
        Assert.Equal([$"{StalledName} FAILED - (127.0.0.1:{_silent.Port}) Maximum timeout reached (1 s)", $"{TcpName} OK"], result.StdoutLines);
        Assert.Equal(["checks.yaml", .. Files.Order(StringComparer.Ordinal)], System.IO.Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var json = Read("results.json");
        ResultsSchema.AssertValid(json);
        using (var document = JsonDocument.Parse(json))
        {
            var stalled = document.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("name").GetString() == StalledName);
            Assert.Equal(("failed", "max-timeout"), (stalled.GetProperty("status").GetString(), stalled.GetProperty("stage").GetString()));
        }

        await XmlLint.AssertValidFileAsync(Path.Combine(_directory.Path, "results.xml"));
        var failure = XDocument.Parse(Read("results.xml")).Descendants("failure").Single();
        Assert.Equal("max-timeout", (string?)failure.Attribute("type"));

        Prove.AssertOutcome(await Prove.RunAsync(Read("results.tap")), "FAIL");

        var metrics = Read("results.prom");
        await Promtool.AssertAcceptsAsync(metrics);
        Assert.Contains($"conn_check_up{{name=\"{StalledName}\",type=\"tls\",host=\"127.0.0.1\",port=\"{_silent.Port}\"}} 0\n", metrics, StringComparison.Ordinal);

        var nagios = NagiosPluginOutput.Parse(Read("results.nagios"));
        Assert.Equal(("CRITICAL", $"1 of 2 failed: {StalledName}"), (nagios.State, nagios.Text));
    }

    [Fact]
    public async Task Run_IncludeTags_EveryFormatHoldsOnlyTheSelectedCheck()
    {
        var result = await RunAsync("--include-tags", "web");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"{TcpName} OK"], result.StdoutLines);
        using (var document = JsonDocument.Parse(Read("results.json")))
        {
            Assert.Equal([TcpName], document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        }

        Assert.Equal([TcpName], XDocument.Parse(Read("results.xml")).Descendants("testcase").Select(c => (string?)c.Attribute("name")));
        Assert.StartsWith("TAP version 13\n1..1\nok 1 - ", Read("results.tap"), StringComparison.Ordinal);
        Assert.DoesNotContain(StalledName, Read("results.prom"), StringComparison.Ordinal);
        Assert.Equal(("OK", "1 of 1 ok"), (NagiosPluginOutput.Parse(Read("results.nagios")).State, NagiosPluginOutput.Parse(Read("results.nagios")).Text));
    }

    private Task<ProcessResult> RunAsync(params string[] options) => ConnCheckBinary.RunAsync(
        _directory.Path,
        [.. options, "--format", "text", "--format", "json:results.json", "--format", "junit:results.xml", "--format", "tap:results.tap",
            "--format", "prometheus:results.prom", "--format", "nagios:results.nagios", "checks.yaml"]);

    private string Read(string name) => File.ReadAllText(Path.Combine(_directory.Path, name));
}
