using System.Runtime.Versioning;
using ConnCheck.TestPeers;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Charm;

/// <summary>The run-check and run-nagios-check actions, running the published binary against loopback peers.</summary>
[SupportedOSPlatform("linux")]
public sealed class CharmActionTests
{
    [Fact]
    public async Task RunCheck_OneCheckRefused_SetsCriticalWithTheFailureFirstAndFailsTheAction()
    {
        await using var peer = TcpPeer.Start();
        using var closed = new ClosedPort();
        using var charm = await WithConfigAsync(peer.Port, closed.Port);

        var result = await charm.RunActionAsync("run-check");

        Assert.True(result.ExitCode == 0, result.ToString());
        var failure = $"tcp:127.0.0.1:{closed.Port} FAILED - (127.0.0.1:{closed.Port}) Connection refused";
        Assert.Equal($"{failure}\ntcp:127.0.0.1:{peer.Port} OK", charm.ValueSet("action-set", "output"));
        Assert.Equal("2", charm.ValueSet("action-set", "exit-code"));
        Assert.Equal("CRITICAL", charm.ValueSet("action-set", "status"));
        Assert.Equal($"CRITICAL: {failure}", charm.ActionFailure);
    }

    [Fact]
    public async Task RunNagiosCheck_OnlyANoNagiosCheckFails_SetsOkWithoutRunningIt()
    {
        await using var peer = TcpPeer.Start();
        using var closed = new ClosedPort();
        using var charm = await WithConfigAsync(peer.Port, closed.Port);

        var result = await charm.RunActionAsync("run-nagios-check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"tcp:127.0.0.1:{peer.Port} OK", charm.ValueSet("action-set", "output"));
        Assert.Equal("0", charm.ValueSet("action-set", "exit-code"));
        Assert.Equal("OK", charm.ValueSet("action-set", "status"));
        Assert.Null(charm.ActionFailure);
    }

    [Fact]
    public async Task RunCheck_InvalidConfig_SetsUnknownWithTheProblem()
    {
        using var charm = await CharmHookTests.InstalledAsync();
        var path = Path.Combine(charm.Root, "invalid.yaml");
        File.WriteAllText(path, "- type: tcp\n  host: 127.0.0.1\n");
        charm.SetRelation("config_path", path);
        Assert.Equal(0, (await charm.RunHookAsync("conn-check-relation-changed")).ExitCode);

        var result = await charm.RunActionAsync("run-check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("3", charm.ValueSet("action-set", "exit-code"));
        Assert.Equal("UNKNOWN", charm.ValueSet("action-set", "status"));
        Assert.Equal($"{path}:1:3: tcp check is missing required option 'port'", charm.ValueSet("action-set", "output"));
    }

    [Fact]
    public async Task RunCheck_NoConfigYet_FailsTheActionWithoutRunning()
    {
        using var charm = await CharmHookTests.InstalledAsync();

        var result = await charm.RunActionAsync("run-check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("no configuration yet: relate the principal over the conn-check relation", charm.ActionFailure);
        Assert.Null(charm.ValueSet("action-set", "output"));
    }

    // A check that passes, and one tagged no-nagios that is refused.
    private static async Task<CharmHarness> WithConfigAsync(int openPort, int closedPort)
    {
        var charm = await CharmHookTests.InstalledAsync();
        var path = Path.Combine(charm.Root, "hwaas-cc.yaml");
        File.WriteAllText(path, $"""
            - type: tcp
              host: 127.0.0.1
              port: {openPort}
            - type: tcp
              host: 127.0.0.1
              port: {closedPort}
              tags: [no-nagios]
            """);
        charm.SetRelation("config_path", path);
        var result = await charm.RunHookAsync("conn-check-relation-changed");
        Assert.True(result.ExitCode == 0, result.ToString());
        return charm;
    }
}
