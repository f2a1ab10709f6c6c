using System.Runtime.Versioning;
using ConnCheck.Tests.EndToEnd;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Tests.Charm;

/// <summary>
/// Runs the charm's hooks and actions as Juju would, with stand-ins for the hook tools on PATH:
/// <c>config-get</c>, <c>relation-get</c> and <c>relation-ids</c> answer from files the test
/// writes; <c>relation-set</c>, <c>action-set</c> and <c>action-fail</c> record the values set;
/// every call (also <c>juju-log</c>, <c>status-set</c>, <c>dpkg</c>, <c>systemctl</c>, <c>useradd</c>, ...) is logged. conn-check
/// itself is the published binary. Paths outside the charm are moved into a temp directory.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class CharmHarness : IDisposable
{
    public const string UnitName = "hwaas-conn-check/0";

    private static readonly string[] StandIns =
    [
        "config-get", "relation-get", "relation-set", "relation-ids", "action-set", "action-fail",
        "juju-log", "status-set", "open-port", "close-port", "application-version-set", "dpkg",
        "systemctl", "useradd",
    ];

    // Answers from $JUJU_STANDIN/config/KEY, relation/KEY, relation-ids/NAME; records what is set
    // into relation-set/KEY and action-set/KEY, and one line per call into calls.log.
    private const string StandIn = """
        #!/usr/bin/env bash
        set -euo pipefail
        name="$(basename "$0")"
        d="$JUJU_STANDIN"
        { printf '%s' "$name"; for a in "$@"; do printf ' %s' "$a"; done; echo; } >>"$d/calls.log"
        answer() { if [ -f "$1" ]; then cat "$1"; fi; }
        case "$name" in
            config-get) answer "$d/config/$1" ;;
            relation-get) if [ "$1" = -r ]; then shift 2; fi; answer "$d/relation/$1" ;;
            relation-ids) answer "$d/relation-ids/$1" ;;
            relation-set | action-set)
                if [ "$1" = -r ]; then shift 2; fi
                mkdir -p "$d/$name"
                for a in "$@"; do printf '%s' "${a#*=}" >"$d/$name/${a%%=*}"; done
                ;;
            action-fail) printf '%s' "$*" >"$d/action-fail" ;;
        esac
        """;

    private readonly TempDirectory _directory = new();

    public CharmHarness()
    {
        foreach (var name in new[] { "bin", "config", "relation", "relation-ids", "charm/files", "state", "var" })
        {
            Directory.CreateDirectory(Path.Combine(Root, name));
        }

        var standIn = Path.Combine(Root, "bin", "stand-in");
        File.WriteAllText(standIn, StandIn.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(standIn, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var name in StandIns)
        {
            File.CreateSymbolicLink(Path.Combine(Root, "bin", name), standIn);
        }

        File.CreateSymbolicLink(Path.Combine(Root, "bin", "conn-check"), ConnCheckBinary.Path);

        // The charm's own defaults, so the tests see what a fresh deployment sees.
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(CharmDirectory, "config.yaml"))));
        var options = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["options"];
        foreach (var (key, option) in options.Children)
        {
            var value = ((YamlMappingNode)option).Children.TryGetValue("default", out var node) ? ((YamlScalarNode)node).Value ?? "" : "";
            SetConfig(((YamlScalarNode)key).Value!, value);
        }

        SetConfig("config-path", Path.Combine(Root, "var", "conn-check.yaml"));
    }

    /// <summary>The charm in the repository, whose hooks and actions run.</summary>
    public static string CharmDirectory => Path.Combine(ConnCheckBinary.RepoRoot, "charm");

    public string Root => _directory.Path;

    /// <summary>CHARM_DIR for the hooks: where the install hook looks for files/*.deb.</summary>
    public string DeployedCharmDirectory => Path.Combine(Root, "charm");

    public string BinDirectory => Path.Combine(Root, "bin");

    public string StateDirectory => Path.Combine(Root, "state");

    public string NrpeCheckFile => Path.Combine(Root, "nrpe.d", "check_conn_check.cfg");

    public string NagiosExportDirectory => Path.Combine(Root, "export");

    public string ServeUnitFile => Path.Combine(Root, "systemd", "conn-check-serve.service");

    public void SetConfig(string key, string value) => File.WriteAllText(Path.Combine(Root, "config", key), value);

    public void SetRelation(string key, string value) => File.WriteAllText(Path.Combine(Root, "relation", key), value);

    public void SetRelationIds(string relation, string ids) => File.WriteAllText(Path.Combine(Root, "relation-ids", relation), ids);

    /// <summary>What the hooks called, one line per call: the tool's name and its arguments.</summary>
    public string[] Calls => File.Exists(Path.Combine(Root, "calls.log")) ? File.ReadAllLines(Path.Combine(Root, "calls.log")) : [];

    /// <summary>The value last set with <c>relation-set</c> or <c>action-set</c> (<paramref name="tool"/>) for <paramref name="key"/>, or null.</summary>
    public string? ValueSet(string tool, string key)
    {
        var path = Path.Combine(Root, tool, key);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public string? ActionFailure => File.Exists(Path.Combine(Root, "action-fail")) ? File.ReadAllText(Path.Combine(Root, "action-fail")) : null;

    public string? Remembered(string name)
    {
        var path = Path.Combine(StateDirectory, name);
        return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\n') : null;
    }

    public Task<ProcessResult> RunHookAsync(string hook) => RunAsync(Path.Combine(CharmDirectory, "hooks", hook));

    public Task<ProcessResult> RunActionAsync(string action) => RunAsync(Path.Combine(CharmDirectory, "actions", action));

    public void Dispose() => _directory.Dispose();

    private Task<ProcessResult> RunAsync(string program) =>
        ConnCheckBinary.RunProcessAsync(program, [], Root, new Dictionary<string, string>
        {
            ["PATH"] = $"{BinDirectory}:/usr/sbin:/usr/bin:/sbin:/bin",
            ["JUJU_STANDIN"] = Root,
            ["JUJU_UNIT_NAME"] = UnitName,
            ["CHARM_DIR"] = DeployedCharmDirectory,
            ["CONN_CHECK_STATE_DIR"] = StateDirectory,
            ["NRPE_CHECK_FILE"] = NrpeCheckFile,
            ["NAGIOS_EXPORT_DIR"] = NagiosExportDirectory,
            ["CONN_CHECK_SERVE_UNIT"] = ServeUnitFile,
        });
}
