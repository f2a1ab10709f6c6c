using System.Runtime.Versioning;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Charm;

/// <summary>
/// The serve settings of the charm: the conn-check-serve systemd service its hooks write, start,
/// reload and remove (with stand-in <c>systemctl</c>, see <see cref="CharmHarness"/>).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class CharmServeTests
{
    private const string Unit = "conn-check-serve.service";

    [Fact]
    public async Task ConfigChanged_ServeEnabled_WritesTheUnitAndStartsIt()
    {
        using var charm = await CharmHookTests.ConfiguredAsync("/srv/hwaas/conn-check.yaml");
        charm.SetConfig("serve", "True");
        charm.SetConfig("serve-interval", "30");

        var result = await charm.RunHookAsync("config-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(charm.ServeUnitFile);
        var binary = Path.Combine(charm.BinDirectory, "conn-check");
        Assert.Contains($"ExecStart=\"{binary}\" serve --listen 127.0.0.1:19190 --interval 30 \"/srv/hwaas/conn-check.yaml\"", lines);
        Assert.Contains("ExecReload=/bin/kill -HUP $MAINPID", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("User=conn-check", lines);
        Assert.Contains("NoNewPrivileges=yes", lines);
        Assert.Contains("ProtectSystem=strict", lines);
        Assert.Contains("CapabilityBoundingSet=", lines);
        Assert.Equal(
            ["systemctl daemon-reload", $"systemctl enable --now {Unit}"],
            charm.Calls.Where(call => call.StartsWith("systemctl ", StringComparison.Ordinal)));
        Assert.Contains("useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin conn-check", charm.Calls);
        // Loopback: nothing to open.
        Assert.DoesNotContain(charm.Calls, call => call.StartsWith("open-port", StringComparison.Ordinal));
        Assert.Equal("status-set active checks /srv/hwaas/conn-check.yaml, served on 127.0.0.1:19190", charm.Calls[^1]);
    }

    [Fact]
    public async Task ConfigChanged_ServeEnabledTwice_LeavesTheRunningServiceAlone()
    {
        using var charm = await ServingAsync();
        var before = charm.Calls.Length;

        var result = await charm.RunHookAsync("config-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(charm.Calls[before..], call => call.StartsWith("systemctl ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnCheckRelationChanged_NewChecks_ReloadsTheServiceWithoutRestartingIt()
    {
        using var charm = await CharmHookTests.InstalledAsync();
        charm.SetRelation("config", "- type: tcp\n  host: 127.0.0.1\n  port: 5432");
        Assert.Equal(0, (await charm.RunHookAsync("conn-check-relation-changed")).ExitCode);
        charm.SetConfig("serve", "True");
        Assert.Equal(0, (await charm.RunHookAsync("config-changed")).ExitCode);
        var before = charm.Calls.Length;
        charm.SetRelation("config", "- type: tcp\n  host: 127.0.0.1\n  port: 6379");

        var result = await charm.RunHookAsync("conn-check-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"systemctl reload {Unit}"], charm.Calls[before..].Where(call => call.StartsWith("systemctl ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConnCheckRelationChanged_PrincipalRewroteItsFile_ReloadsTheService()
    {
        using var charm = await CharmHookTests.InstalledAsync();
        var path = Path.Combine(charm.Root, "principal.yaml");
        File.WriteAllText(path, "- type: tcp\n  host: 127.0.0.1\n  port: 5432\n");
        charm.SetRelation("config_path", path);
        Assert.Equal(0, (await charm.RunHookAsync("conn-check-relation-changed")).ExitCode);
        charm.SetConfig("serve", "True");
        Assert.Equal(0, (await charm.RunHookAsync("config-changed")).ExitCode);
        var before = charm.Calls.Length;
        File.AppendAllText(path, "- type: tcp\n  host: 127.0.0.1\n  port: 6379\n");

        var result = await charm.RunHookAsync("conn-check-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([$"systemctl reload {Unit}"], charm.Calls[before..].Where(call => call.StartsWith("systemctl ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConnCheckRelationChanged_SameChecks_NeitherReloadsNorRestarts()
    {
        using var charm = await ServingAsync();
        var before = charm.Calls.Length;

        var result = await charm.RunHookAsync("conn-check-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(charm.Calls[before..], call => call.StartsWith("systemctl ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigChanged_NewInterval_RewritesTheUnitAndRestartsIt()
    {
        using var charm = await ServingAsync();
        var before = charm.Calls.Length;
        charm.SetConfig("serve-interval", "300");

        var result = await charm.RunHookAsync("config-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(File.ReadAllLines(charm.ServeUnitFile), line => line.StartsWith("ExecStart=", StringComparison.Ordinal) && line.Contains(" --interval 300 ", StringComparison.Ordinal));
        Assert.Equal(["systemctl daemon-reload", $"systemctl restart {Unit}"], charm.Calls[before..].Where(call => call.StartsWith("systemctl ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConfigChanged_ListenBeyondLoopback_OpensThePortAndClosesItWhenDisabled()
    {
        using var charm = await ServingAsync();
        charm.SetConfig("serve-listen", "0.0.0.0:19191");

        var opened = await charm.RunHookAsync("config-changed");

        Assert.True(opened.ExitCode == 0, opened.ToString());
        Assert.Contains("open-port 19191/tcp", charm.Calls);
        charm.SetConfig("serve", "False");

        var closed = await charm.RunHookAsync("config-changed");

        Assert.True(closed.ExitCode == 0, closed.ToString());
        Assert.Contains("close-port 19191/tcp", charm.Calls);
    }

    [Fact]
    public async Task ConfigChanged_ServeDisabled_StopsAndRemovesTheUnit()
    {
        using var charm = await ServingAsync();
        var before = charm.Calls.Length;
        charm.SetConfig("serve", "False");

        var result = await charm.RunHookAsync("config-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(charm.ServeUnitFile));
        Assert.Equal([$"systemctl disable --now {Unit}", "systemctl daemon-reload"], charm.Calls[before..].Where(call => call.StartsWith("systemctl ", StringComparison.Ordinal)));
        Assert.Equal("status-set active checks /srv/hwaas/conn-check.yaml", charm.Calls[^1]);
    }

    [Fact]
    public async Task Stop_Serving_StopsAndRemovesTheUnit()
    {
        using var charm = await ServingAsync();
        var before = charm.Calls.Length;

        var result = await charm.RunHookAsync("stop");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(charm.ServeUnitFile));
        Assert.Equal([$"systemctl disable --now {Unit}", "systemctl daemon-reload"], charm.Calls[before..].Where(call => call.StartsWith("systemctl ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConfigChanged_ServeEnabledBeforeAnyConfiguration_WaitsForTheRelation()
    {
        using var charm = await CharmHookTests.InstalledAsync();
        charm.SetConfig("serve", "True");

        var result = await charm.RunHookAsync("config-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(charm.ServeUnitFile));
        Assert.DoesNotContain(charm.Calls, call => call.StartsWith("systemctl ", StringComparison.Ordinal));
        charm.SetRelation("config_path", "/srv/hwaas/conn-check.yaml");

        var related = await charm.RunHookAsync("conn-check-relation-changed");

        Assert.True(related.ExitCode == 0, related.ToString());
        Assert.Contains($"systemctl enable --now {Unit}", charm.Calls);
    }

    [Theory]
    [InlineData("serve-listen", "127.0.0.1:19190 --dry-run", "serve-listen must be ADDRESS:PORT")]
    [InlineData("serve-listen", "localhost:19190", "serve-listen must be ADDRESS:PORT")]
    [InlineData("serve-listen", "127.0.0.1", "serve-listen must be ADDRESS:PORT")]
    [InlineData("serve-listen", "127.0.0.1:0", "serve-listen must be ADDRESS:PORT")]
    [InlineData("serve-listen", "127.0.0.1:65536", "serve-listen must be ADDRESS:PORT")]
    [InlineData("serve-listen", "::1:19190", "serve-listen must be ADDRESS:PORT")]
    [InlineData("serve-interval", "0", "serve-interval must be a whole number of seconds from 1, not '0'")]
    [InlineData("serve-interval", "-60", "serve-interval must be a whole number")]
    [InlineData("serve-interval", "60 --dry-run", "serve-interval must be a whole number")]
    [InlineData("serve", "yes", "serve must be true or false, not 'yes'")]
    public async Task ConfigChanged_BadServeSetting_BlocksTheUnitAndWritesNoUnit(string key, string value, string reason)
    {
        using var charm = await CharmHookTests.ConfiguredAsync("/srv/hwaas/conn-check.yaml");
        charm.SetConfig("serve", "True");
        charm.SetConfig(key, value);

        var result = await charm.RunHookAsync("config-changed");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(charm.Calls, call => call.StartsWith("status-set blocked ", StringComparison.Ordinal) && call.Contains(reason, StringComparison.Ordinal));
        Assert.False(File.Exists(charm.ServeUnitFile));
        Assert.DoesNotContain(charm.Calls, call => call.StartsWith("systemctl ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigChanged_ServeOnIpv6AndAPathWithSpaces_QuotesThePathForSystemd()
    {
        using var charm = await CharmHookTests.ConfiguredAsync("/srv/hw aas/100%/$HOME.yaml");
        charm.SetConfig("serve", "true");
        charm.SetConfig("serve-listen", "[::1]:19190");

        var result = await charm.RunHookAsync("config-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(File.ReadAllLines(charm.ServeUnitFile), line => line.EndsWith(" serve --listen [::1]:19190 --interval 60 \"/srv/hw aas/100%%/$$HOME.yaml\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServeUnit_AsWritten_PassesSystemdAnalyzeVerify()
    {
        Assert.True(File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is missing: bash scripts/install-test-tools.sh");
        using var charm = await ServingAsync();

        // Verify reads the unit only: it checks the syntax, every setting's name and value, and that ExecStart is
        // executable. The man page of Documentation= comes with the .deb, not with the test machine.
        var result = await ConnCheckBinary.RunProcessAsync("/usr/bin/systemd-analyze", ["verify", "--man=no", charm.ServeUnitFile], charm.Root);

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
    }

    private static async Task<CharmHarness> ServingAsync()
    {
        var charm = await CharmHookTests.ConfiguredAsync("/srv/hwaas/conn-check.yaml");
        charm.SetConfig("serve", "True");
        var result = await charm.RunHookAsync("config-changed");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(charm.ServeUnitFile));
        return charm;
    }
}
