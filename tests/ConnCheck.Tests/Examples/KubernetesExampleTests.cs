using System.Text.RegularExpressions;
using ConnCheck.Tests.EndToEnd;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Tests.Examples;

/// <summary>
/// The Kubernetes manifests under examples/kubernetes, which the README shows: parsed, and checked
/// to hang together — each conn-check container runs conn-check on a file of the mounted
/// ConfigMap, with every ${VAR} of that file in its environment, and the file itself is valid.
/// </summary>
public sealed partial class KubernetesExampleTests
{
    private static readonly string ExamplesDirectory = Path.Combine(ConnCheckBinary.RepoRoot, "examples", "kubernetes");

    [Fact]
    public void ConfigMap_HoldsTheChecksFile()
    {
        var configMap = Load("configmap.yaml");

        Assert.Equal("v1", Scalar(configMap, "apiVersion"));
        Assert.Equal("ConfigMap", Scalar(configMap, "kind"));
        Assert.Contains("checks.yaml", Mapping(configMap, "data").Children.Keys.Select(key => ((YamlScalarNode)key).Value));
    }

    [Fact]
    public async Task ConfigMap_ChecksFile_PassesValidateWithItsVariablesSet()
    {
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", Scalar(Mapping(Load("configmap.yaml"), "data"), "checks.yaml"));

        var result = await ConnCheckBinary.RunAsync(directory.Path, ["--validate", "checks.yaml"], new Dictionary<string, string> { ["DB_PASSWORD"] = "secret" });

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Deployment_InitContainerGatesTheAppOnConnCheckWithTheMountedConfig()
    {
        var deployment = Load("deployment.yaml");

        Assert.Equal("apps/v1", Scalar(deployment, "apiVersion"));
        Assert.Equal("Deployment", Scalar(deployment, "kind"));
        var pod = Mapping(Mapping(Mapping(deployment, "spec"), "template"), "spec");
        var init = Assert.Single(Sequence(pod, "initContainers").Cast<YamlMappingNode>());
        Assert.NotEmpty(Sequence(pod, "containers"));
        AssertRunsConnCheckOnMountedConfig(pod, init);
    }

    [Fact]
    public void CronJob_RunsConnCheckEveryFiveMinutesWithTheMountedConfig()
    {
        var cronJob = Load("cronjob.yaml");

        Assert.Equal("batch/v1", Scalar(cronJob, "apiVersion"));
        Assert.Equal("CronJob", Scalar(cronJob, "kind"));
        var spec = Mapping(cronJob, "spec");
        var schedule = Scalar(spec, "schedule");
        Assert.Matches(ScheduleField(), schedule);
        Assert.Equal("*/5 * * * *", schedule);
        var pod = Mapping(Mapping(Mapping(Mapping(spec, "jobTemplate"), "spec"), "template"), "spec");
        // A failed run must show as a failed Job, not be retried into a success.
        Assert.Equal("Never", Scalar(pod, "restartPolicy"));
        AssertRunsConnCheckOnMountedConfig(pod, Assert.Single(Sequence(pod, "containers").Cast<YamlMappingNode>()));
    }

    [Fact]
    public void Dockerfile_PutsTheBinaryOnPath()
    {
        var lines = File.ReadAllLines(Path.Combine(ExamplesDirectory, "Dockerfile"));

        Assert.Contains("COPY artifacts/conn-check /usr/bin/conn-check", lines);
    }

    private static void AssertRunsConnCheckOnMountedConfig(YamlMappingNode pod, YamlMappingNode container)
    {
        var command = Sequence(container, "command").Cast<YamlScalarNode>().Select(node => node.Value!).ToList();
        Assert.Equal("conn-check", command[0]);
        Assert.Contains(command, argument => argument.StartsWith("--max-timeout=", StringComparison.Ordinal));
        var configPath = command[^1];

        var mount = Sequence(container, "volumeMounts").Cast<YamlMappingNode>()
            .Single(m => configPath.StartsWith(Scalar(m, "mountPath") + "/", StringComparison.Ordinal));
        var volume = Sequence(pod, "volumes").Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == Scalar(mount, "name"));
        var configMap = Load("configmap.yaml");
        Assert.Equal(Scalar(Mapping(configMap, "metadata"), "name"), Scalar(Mapping(volume, "configMap"), "name"));
        var file = configPath[(Scalar(mount, "mountPath").Length + 1)..];
        var checks = Scalar(Mapping(configMap, "data"), file);

        var environment = Sequence(container, "env").Cast<YamlMappingNode>().Select(e => Scalar(e, "name")).ToHashSet();
        foreach (Match variable in Variable().Matches(checks))
        {
            Assert.Contains(variable.Groups[1].Value, environment);
        }
    }

    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(ExamplesDirectory, name))));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node[key];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    [GeneratedRegex(@"^(\S+ ){4}\S+$")]
    private static partial Regex ScheduleField();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
