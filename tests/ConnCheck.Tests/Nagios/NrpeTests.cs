using System.Runtime.Versioning;
using ConnCheck.TestPeers;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Output;

namespace ConnCheck.Tests.Nagios;

/// <summary>
/// conn-check under Nagios, end to end: Debian's nrpe runs it with the 1.x manual's command line
/// and Debian's check_nrpe reports what a Nagios server would see — the exit code is the service
/// state and the first line is the status text.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NrpeTests(NrpeDaemon nrpe) : IClassFixture<NrpeDaemon>
{
    [Fact]
    public async Task CheckNrpe_AllChecksPass_ExitsOkAndNeverRunsNoNagiosChecks()
    {
        await using var peer = TcpPeer.Start();
        await using var external = TcpPeer.Start();
        nrpe.WriteConfig("ok.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {peer.Port}
            - type: tcp
              host: 127.0.0.1
              port: {external.Port}
              tags: [no-nagios]
            """);

        var result = await nrpe.CheckAsync("conn_check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"tcp:127.0.0.1:{peer.Port} OK"], result.StdoutLines);
        Assert.True(peer.Accepted >= 1, result.ToString());
        Assert.Equal(0, external.Accepted);
    }

    [Fact]
    public async Task CheckNrpe_OneCheckRefused_ExitsCriticalWithTheFailureOnTheFirstLine()
    {
        await using var peer = TcpPeer.Start();
        using var closed = new ClosedPort();
        // The failing check is listed last and sorts last by name: only the output order puts it first.
        nrpe.WriteConfig("critical.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {peer.Port}
            - type: tcp
              host: 127.0.0.2
              port: {closed.Port}
              tags: [db]
            """);

        var result = await nrpe.CheckAsync("conn_check_critical");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            [
                $"tcp:127.0.0.2:{closed.Port} FAILED - (127.0.0.2:{closed.Port}) Connection refused",
                $"tcp:127.0.0.1:{peer.Port} OK",
            ],
            result.StdoutLines);
    }

    [Fact]
    public async Task CheckNrpe_InvalidConfiguration_ExitsUnknown()
    {
        nrpe.WriteConfig("invalid.yaml", """
            - type: tcp
              host: 127.0.0.1
            """);

        var result = await nrpe.CheckAsync("conn_check_unknown");

        Assert.True(result.ExitCode == 3, result.ToString());
        // nrpe passes on stdout only, and configuration errors go to stderr (SPEC A): with the
        // manual's command line Nagios shows UNKNOWN without the reason; `2>&1` shows it (below).
        Assert.Equal(["NRPE: Unable to read output"], result.StdoutLines);
    }

    [Fact]
    public async Task CheckNrpe_InvalidConfigurationWithStderrRedirected_ShowsTheProblemOnTheFirstLine()
    {
        nrpe.WriteConfig("invalid.yaml", """
            - type: tcp
              host: 127.0.0.1
            """);

        var result = await nrpe.CheckAsync("conn_check_unknown_stderr");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(
            $"{nrpe.ConfigDirectory}/invalid.yaml:1:3: tcp check is missing required option 'port'",
            result.StdoutLines[0]);
    }

    [Fact]
    public async Task CheckNrpe_NagiosFormatAllPass_ExitsOkWithStatusLineLongTextAndPerfdata()
    {
        await using var peer = TcpPeer.Start();
        nrpe.WriteConfig("nagios-ok.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {peer.Port}
              timeout: 5
            """);

        var result = await nrpe.CheckAsync("conn_check_nagios_ok");

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = NagiosPluginOutput.Parse(result.Stdout);
        Assert.Equal(("OK", "1 of 1 ok"), (output.State, output.Text));
        Assert.Equal(["ok", "warning", "failed", "skipped", "time"], output.StatusPerfdata.Select(p => p.Label));
        Assert.Equal([$"tcp:127.0.0.1:{peer.Port} OK"], output.LongText);
        var time = Assert.Single(output.LongPerfdata);
        Assert.Equal(($"tcp:127.0.0.1:{peer.Port}", "s", 0m, 5m), (time.Label, time.Unit, time.Min!.Value, time.Max!.Value));
    }

    [Fact]
    public async Task CheckNrpe_NagiosFormatCertificateExpiresInFiveDays_ExitsWarning()
    {
        var now = DateTimeOffset.UtcNow;
        using var certificates = TestCertificates.Create(now.AddDays(-1), now.AddDays(5), "127.0.0.1");
        await using var tls = TlsPeer.Start(certificates.Leaf);
        await using var peer = TcpPeer.Start();
        nrpe.WriteCa(certificates.Ca.ExportCertificatePem() + "\n");
        nrpe.WriteConfig("nagios-warning.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {peer.Port}
            - type: tls
              host: 127.0.0.1
              port: {tls.Port}
            """);

        var result = await nrpe.CheckAsync("conn_check_nagios_warning");

        Assert.True(result.ExitCode == 1, result.ToString());
        var output = NagiosPluginOutput.Parse(result.Stdout);
        Assert.Equal(("WARNING", $"1 of 2 warning: tls:127.0.0.1:{tls.Port}"), (output.State, output.Text));
        Assert.StartsWith($"tls:127.0.0.1:{tls.Port} WARNING - (127.0.0.1:{tls.Port}) TLS certificate expires on ", output.LongText[0], StringComparison.Ordinal);
        Assert.Equal([$"tcp:127.0.0.1:{peer.Port}", $"tls:127.0.0.1:{tls.Port}"], output.LongPerfdata.Select(p => p.Label));
    }

    [Fact]
    public async Task CheckNrpe_NagiosFormatOneCheckRefused_ExitsCriticalNamingIt()
    {
        await using var peer = TcpPeer.Start();
        using var closed = new ClosedPort();
        nrpe.WriteConfig("nagios-critical.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {peer.Port}
            - type: tcp
              host: 127.0.0.2
              port: {closed.Port}
            """);

        var result = await nrpe.CheckAsync("conn_check_nagios_critical");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith(
            $"CONN-CHECK CRITICAL - 1 of 2 failed: tcp:127.0.0.2:{closed.Port} | ok=1;;;0;2 warning=0;;;0;2 failed=1;;;0;2 skipped=0;;;0;2 time=",
            result.StdoutLines[0],
            StringComparison.Ordinal);
        var output = NagiosPluginOutput.Parse(result.Stdout);
        Assert.Equal(
            [$"tcp:127.0.0.2:{closed.Port} FAILED - (127.0.0.2:{closed.Port}) Connection refused", $"tcp:127.0.0.1:{peer.Port} OK"],
            output.LongText);
        Assert.Equal([$"tcp:127.0.0.1:{peer.Port}", $"tcp:127.0.0.2:{closed.Port}"], output.LongPerfdata.Select(p => p.Label));
        Assert.All(output.LongPerfdata, p => Assert.Equal(("s", 10m), (p.Unit, p.Max!.Value)));
    }

    [Fact]
    public async Task CheckNrpe_NagiosFormatNothingSelected_ExitsUnknownSayingSo()
    {
        await using var peer = TcpPeer.Start();
        nrpe.WriteConfig("nagios-ok.yaml", $"""
            - type: tcp
              host: 127.0.0.1
              port: {peer.Port}
            """);

        var result = await nrpe.CheckAsync("conn_check_nagios_unknown");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(["CONN-CHECK UNKNOWN - no checks selected"], result.StdoutLines);
        Assert.Equal(0, peer.Accepted);
    }
}
