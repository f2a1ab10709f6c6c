using System.Runtime.Versioning;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Charm;

/// <summary>The charm's hooks, run with stand-in Juju hook tools (see <see cref="CharmHarness"/>).</summary>
[SupportedOSPlatform("linux")]
public sealed class CharmHookTests
{
    [Fact]
    public async Task Install_FilesSource_InstallsTheNewestDebAndRemembersTheBinary()
    {
        using var charm = new CharmHarness();
        foreach (var release in new[] { "1.2.0", "1.10.0", "1.9.3" })
        {
            File.WriteAllText(Path.Combine(charm.DeployedCharmDirectory, "files", $"conn-check_{release}_amd64.deb"), "");
        }

        var result = await charm.RunHookAsync("install");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"dpkg -i {charm.DeployedCharmDirectory}/files/conn-check_1.10.0_amd64.deb", charm.Calls);
        Assert.Equal(Path.Combine(charm.BinDirectory, "conn-check"), charm.Remembered("binary"));
        var version = (await ConnCheckBinary.RunAsync(charm.Root, ["--version"])).Stdout.Trim();
        Assert.Contains($"application-version-set {version["conn-check ".Length..]}", charm.Calls);
        Assert.StartsWith("status-set waiting ", charm.Calls[^1]);
    }

    [Fact]
    public async Task Install_PathSource_UsesTheConnCheckOnPathWithoutDpkg()
    {
        using var charm = new CharmHarness();
        charm.SetConfig("install-source", "path");

        var result = await charm.RunHookAsync("install");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(charm.Calls, call => call.StartsWith("dpkg", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(charm.BinDirectory, "conn-check"), charm.Remembered("binary"));
    }

    [Theory]
    [InlineData("files", "holds no conn-check_*_amd64.deb")]
    [InlineData("ppa", "install-source must be files or path, not 'ppa'")]
    public async Task Install_NothingToInstall_FailsAndBlocksTheUnit(string source, string reason)
    {
        using var charm = new CharmHarness();
        charm.SetConfig("install-source", source);

        var result = await charm.RunHookAsync("install");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(charm.Calls, call => call.StartsWith("status-set blocked ", StringComparison.Ordinal) && call.Contains(reason, StringComparison.Ordinal));
        Assert.Null(charm.Remembered("binary"));
    }

    [Fact]
    public async Task ConnCheckRelationChanged_ConfigPath_RemembersItWithoutWritingAFile()
    {
        using var charm = await InstalledAsync();
        charm.SetRelation("config_path", "/srv/hwaas/conn-check.yaml");

        var result = await charm.RunHookAsync("conn-check-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/srv/hwaas/conn-check.yaml", charm.Remembered("config-path"));
        Assert.False(File.Exists(Path.Combine(charm.Root, "var", "conn-check.yaml")));
        Assert.Equal("status-set active checks /srv/hwaas/conn-check.yaml", charm.Calls[^1]);
        // No nrpe-external-master relation: no NRPE check.
        Assert.False(File.Exists(charm.NrpeCheckFile));
    }

    [Fact]
    public async Task ConnCheckRelationChanged_DeprecatedInlineConfig_WritesItReadableByNagiosOnly()
    {
        using var charm = await InstalledAsync();
        const string Yaml = "- type: tcp\n  host: 127.0.0.1\n  port: 5432";
        charm.SetRelation("config", Yaml);

        var result = await charm.RunHookAsync("conn-check-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        var path = Path.Combine(charm.Root, "var", "conn-check.yaml");
        Assert.Equal(Yaml + "\n", File.ReadAllText(path));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(path));
        Assert.Equal(path, charm.Remembered("config-path"));
        Assert.Contains(charm.Calls, call => call.Contains("deprecated", StringComparison.Ordinal));
        // Where NRPE is installed, the nagios group can read it (the charm sets it only if it exists).
        if (File.ReadLines("/etc/group").Any(line => line.StartsWith("nagios:", StringComparison.Ordinal)))
        {
            var group = await ConnCheckBinary.RunProcessAsync("stat", ["-c", "%G", path], charm.Root);
            Assert.Equal("nagios", group.Stdout.Trim());
        }
    }

    [Fact]
    public async Task ConnCheckRelationChanged_NothingGiven_WaitsWithoutRememberingAPath()
    {
        using var charm = await InstalledAsync();

        var result = await charm.RunHookAsync("conn-check-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Null(charm.Remembered("config-path"));
        Assert.Equal("status-set waiting waiting for config_path on the conn-check relation", charm.Calls[^1]);
    }

    [Fact]
    public async Task NrpeExternalMasterRelationChanged_Configured_WritesTheManualsNrpeCheckAndServiceDefinition()
    {
        using var charm = await ConfiguredAsync("/srv/hwaas/conn-check.yaml");
        charm.SetRelation("nagios_hostname", "hwaas-web1.internal");
        charm.SetConfig("nagios_servicegroups", "web,hwaas");

        var result = await charm.RunHookAsync("nrpe-external-master-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        var binary = Path.Combine(charm.BinDirectory, "conn-check");
        Assert.Equal(
            [
                $"# Written by the conn-check charm ({CharmHarness.UnitName}); changes are overwritten.",
                $"command[conn_check]={binary} --max-timeout=10 --exclude-tags=no-nagios /srv/hwaas/conn-check.yaml",
            ],
            File.ReadAllLines(charm.NrpeCheckFile));
        var service = File.ReadAllText(Path.Combine(charm.NagiosExportDirectory, "service__hwaas-web1.internal_conn_check.cfg"));
        Assert.Contains("    host_name            hwaas-web1.internal\n", service, StringComparison.Ordinal);
        Assert.Contains("    check_command        check_nrpe!conn_check\n", service, StringComparison.Ordinal);
        Assert.Contains("    servicegroups        web,hwaas\n", service, StringComparison.Ordinal);
        Assert.Equal("monitors:\n  remote:\n    nrpe:\n      conn_check:\n        command: conn_check", charm.ValueSet("relation-set", "monitors"));
    }

    [Fact]
    public async Task NrpeExternalMasterRelationChanged_NoConfigYet_WritesNoCheck()
    {
        using var charm = await InstalledAsync();

        var result = await charm.RunHookAsync("nrpe-external-master-relation-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(charm.NrpeCheckFile));
    }

    [Fact]
    public async Task ConfigChanged_NrpeRelated_RewritesTheCheckWithTheNewSettings()
    {
        using var charm = await ConfiguredAsync("/srv/hwaas/conn-check.yaml");
        charm.SetRelationIds("nrpe-external-master", "nrpe-external-master:7");
        charm.SetConfig("max-timeout", "25");
        charm.SetConfig("nagios-exclude-tags", "no-nagios,external");

        var result = await charm.RunHookAsync("config-changed");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith(
            " --max-timeout=25 --exclude-tags=no-nagios,external /srv/hwaas/conn-check.yaml",
            File.ReadAllLines(charm.NrpeCheckFile)[1]);
        // No nagios_hostname from the nrpe charm yet: charm-helpers' CONTEXT-APP-N.
        Assert.True(File.Exists(Path.Combine(charm.NagiosExportDirectory, "service__juju-hwaas-conn-check-0_conn_check.cfg")));
        Assert.Contains(charm.Calls, call => call.StartsWith("relation-set -r nrpe-external-master:7 monitors=", StringComparison.Ordinal));
    }

    internal static async Task<CharmHarness> InstalledAsync()
    {
        var charm = new CharmHarness();
        charm.SetConfig("install-source", "path");
        var result = await charm.RunHookAsync("install");
        Assert.True(result.ExitCode == 0, result.ToString());
        return charm;
    }

    internal static async Task<CharmHarness> ConfiguredAsync(string configPath)
    {
        var charm = await InstalledAsync();
        charm.SetRelation("config_path", configPath);
        var result = await charm.RunHookAsync("conn-check-relation-changed");
        Assert.True(result.ExitCode == 0, result.ToString());
        return charm;
    }
}
