using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Serve;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Tests.Examples;

/// <summary>
/// The Kubernetes manifests under examples/kubernetes, which the README shows: parsed, and checked
/// to hang together — each conn-check container runs conn-check on a file of the mounted
/// ConfigMap, with every ${VAR} of that file in its environment, and the file itself is valid.
/// Each command line is run as written, but on loopback: the one-shot ones against a listener of
/// the test, the serve ones with --dry-run, answering on the paths and port their probes ask.
/// (kubectl cannot help offline: apply and create --dry-run=client still ask an API server.)
/// </summary>
public sealed partial class KubernetesExampleTests
{
    private static readonly string ExamplesDirectory = Path.Combine(ConnCheckBinary.RepoRoot, "examples", "kubernetes");

    [Theory]
    [InlineData("configmap.yaml")]
    [InlineData("deployment.yaml")]
    [InlineData("cronjob.yaml")]
    public void Readme_ShowsTheManifestAsItIs(string file)
    {
        var readme = File.ReadAllText(Path.Combine(ConnCheckBinary.RepoRoot, "README.md"));

        Assert.Contains($"```yaml\n{File.ReadAllText(Path.Combine(ExamplesDirectory, file)).TrimEnd('\n')}\n```", readme, StringComparison.Ordinal);
    }

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
        var pod = PodSpec(deployment);
        var init = Assert.Single(Sequence(pod, "initContainers").Cast<YamlMappingNode>());
        Assert.NotEmpty(Sequence(pod, "containers"));
        AssertRunsConnCheckOnMountedConfig(pod, init);
    }

    [Fact]
    public void Deployment_InitContainer_WaitsWithNoShorterMaxTimeout()
    {
        var pod = PodSpec(Load("deployment.yaml"));
        var command = Command(Assert.Single(Sequence(pod, "initContainers").Cast<YamlMappingNode>()));

        var wait = int.Parse(OptionValue(command, "--wait") ?? "0", CultureInfo.InvariantCulture);

        Assert.True(wait >= 60, $"--wait {wait}: the init container should wait for its dependencies, not fail at once");
        // With both, the smaller bound holds: a shorter --max-timeout would cut the wait short.
        if (OptionValue(command, "--max-timeout") is { } maxTimeout)
        {
            Assert.True(double.Parse(maxTimeout, CultureInfo.InvariantCulture) >= wait, $"--max-timeout {maxTimeout} ends --wait {wait} early");
        }
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
        var pod = PodSpec(cronJob);
        // A failed run must show as a failed Job, not be retried into a success.
        Assert.Equal("Never", Scalar(pod, "restartPolicy"));
        AssertRunsConnCheckOnMountedConfig(pod, Assert.Single(Sequence(pod, "containers").Cast<YamlMappingNode>()));
    }

    [Fact]
    public void DaemonSet_ServesMetricsOnEveryNodeOnThePortItListensOn()
    {
        var daemonSet = Load("daemonset.yaml");

        Assert.Equal("apps/v1", Scalar(daemonSet, "apiVersion"));
        Assert.Equal("DaemonSet", Scalar(daemonSet, "kind"));
        var template = Mapping(Mapping(daemonSet, "spec"), "template");
        var pod = PodSpec(daemonSet);
        var container = Assert.Single(Sequence(pod, "containers").Cast<YamlMappingNode>());
        AssertRunsConnCheckOnMountedConfig(pod, container);
        var (address, port) = Listen(container);
        // Prometheus scrapes the pod IP: loopback would not do.
        Assert.Equal("0.0.0.0", address);

        var metrics = Sequence(container, "ports").Cast<YamlMappingNode>().Single(p => Scalar(p, "name") == "metrics");
        Assert.Equal(port, Scalar(metrics, "containerPort"));
        var annotations = Mapping(Mapping(template, "metadata"), "annotations");
        Assert.Equal("true", Scalar(annotations, "prometheus.io/scrape"));
        Assert.Equal(port, Scalar(annotations, "prometheus.io/port"));
        Assert.Equal("/metrics", Scalar(annotations, "prometheus.io/path"));
        var liveness = HttpGet(container, "livenessProbe");
        Assert.Equal("/healthz", Scalar(liveness, "path"));
        Assert.Equal(port, ProbePort(container, liveness));
        AssertLockedDown(pod, container);
        var limits = Mapping(Mapping(container, "resources"), "limits");
        // Idle it holds about 50 MiB with 1,000 checks: room for a run, but a bound.
        Assert.InRange(Mebibytes(Scalar(limits, "memory")), 96, 512);
        Assert.True(Mapping(Mapping(container, "resources"), "requests").Children.ContainsKey("memory"));
    }

    [Fact]
    public void Sidecar_ConnCheckReadinessProbeAsksReadyOnThePortServeListensOn()
    {
        var deployment = Load("sidecar.yaml");

        Assert.Equal("apps/v1", Scalar(deployment, "apiVersion"));
        Assert.Equal("Deployment", Scalar(deployment, "kind"));
        var pod = PodSpec(deployment);
        var containers = Sequence(pod, "containers").Cast<YamlMappingNode>().ToList();
        var sidecar = Assert.Single(containers, RunsServe);
        Assert.Contains(containers, c => c != sidecar);
        AssertRunsConnCheckOnMountedConfig(pod, sidecar);
        var (address, port) = Listen(sidecar);
        // The kubelet probes the pod IP, so serve must listen there, not on 127.0.0.1 only.
        Assert.Contains(address, new[] { "0.0.0.0", "[::]" });

        var readiness = HttpGet(sidecar, "readinessProbe");
        Assert.Equal("/ready", Scalar(readiness, "path"));
        Assert.Equal(port, ProbePort(sidecar, readiness));
        Assert.False(readiness.Children.ContainsKey("host"), "a probe's host is asked from the node, not from the pod");
        var liveness = HttpGet(sidecar, "livenessProbe");
        Assert.Equal("/healthz", Scalar(liveness, "path"));
        Assert.Equal(port, ProbePort(sidecar, liveness));
        AssertLockedDown(pod, sidecar);
    }

    [Theory]
    [InlineData("deployment.yaml")]
    [InlineData("cronjob.yaml")]
    public async Task OneShotContainer_CommandAsWritten_PassesAgainstALoopbackPeer(string manifest)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", $"- type: tcp\n  host: 127.0.0.1\n  port: {((IPEndPoint)listener.LocalEndpoint).Port}\n");
        var pod = PodSpec(Load(manifest));
        var container = Sequence(pod, manifest == "deployment.yaml" ? "initContainers" : "containers").Cast<YamlMappingNode>().Single();
        var command = Command(container);

        var result = await ConnCheckBinary.RunAsync(directory.Path, [.. command[1..^1], "checks.yaml"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("tcp:127.0.0.1:", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("daemonset.yaml")]
    [InlineData("sidecar.yaml")]
    public async Task ServeContainer_CommandAsWrittenOnLoopback_AnswersItsProbes(string manifest)
    {
        using var directory = new TempDirectory();
        directory.Write("checks.yaml", Scalar(Mapping(Load("configmap.yaml"), "data"), "checks.yaml"));
        var container = Sequence(PodSpec(Load(manifest)), "containers").Cast<YamlMappingNode>().Single(RunsServe);
        var command = Command(container);
        var listen = Array.IndexOf(command, "--listen");
        // Port 0 on loopback instead of the manifest's address, and --dry-run: nothing leaves the machine.
        List<string> arguments = [.. command[2..listen], .. command[(listen + 2)..^1], "--dry-run", "checks.yaml"];

        using var serve = await ServeProcess.StartOnAsync("127.0.0.1:0", directory.Path, new Dictionary<string, string> { ["DB_PASSWORD"] = "secret" }, arguments);

        foreach (var probe in new[] { "livenessProbe", "readinessProbe" }.Where(p => container.Children.ContainsKey(p)))
        {
            using var response = await serve.WaitForAsync(Scalar(HttpGet(container, probe), "path"), HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        }

        using var healthz = await serve.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }

    private static void AssertRunsConnCheckOnMountedConfig(YamlMappingNode pod, YamlMappingNode container)
    {
        var command = Command(container);
        Assert.Equal("conn-check", command[0]);
        // A one-shot run must end on its own; serve runs until stopped, each run bounded by the checks' timeouts.
        if (command[1] != "serve")
        {
            Assert.True(OptionValue(command, "--max-timeout") is not null || OptionValue(command, "--wait") is not null, string.Join(' ', command));
        }

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

    // The pod securityContext runs it as a user other than root, and the container cannot gain privileges or write its image.
    private static void AssertLockedDown(YamlMappingNode pod, YamlMappingNode container)
    {
        var podSecurity = Mapping(pod, "securityContext");
        Assert.Equal("true", Scalar(podSecurity, "runAsNonRoot"));
        Assert.NotEqual("0", Scalar(podSecurity, "runAsUser"));
        var security = Mapping(container, "securityContext");
        Assert.Equal("true", Scalar(security, "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(security, "allowPrivilegeEscalation"));
        Assert.Equal("ALL", Assert.Single(Sequence(Mapping(security, "capabilities"), "drop").Cast<YamlScalarNode>()).Value);
    }

    private static bool RunsServe(YamlMappingNode container) =>
        container.Children.ContainsKey("command") && Command(container) is ["conn-check", "serve", ..];

    private static string[] Command(YamlMappingNode container) =>
        Sequence(container, "command").Cast<YamlScalarNode>().Select(node => node.Value!).ToArray();

    // The value of OPTION given as "OPTION VALUE" or "OPTION=VALUE", or null.
    private static string? OptionValue(string[] command, string option)
    {
        var at = Array.IndexOf(command, option);
        return at >= 0 && at + 1 < command.Length
            ? command[at + 1]
            : command.FirstOrDefault(a => a.StartsWith(option + "=", StringComparison.Ordinal))?[(option.Length + 1)..];
    }

    private static (string Address, string Port) Listen(YamlMappingNode container)
    {
        var command = Command(container);
        Assert.Equal("serve", command[1]);
        var listen = OptionValue(command, "--listen") ?? "127.0.0.1:19190";
        var colon = listen.LastIndexOf(':');
        return (listen[..colon], listen[(colon + 1)..]);
    }

    private static YamlMappingNode HttpGet(YamlMappingNode container, string probe) => Mapping(Mapping(container, probe), "httpGet");

    // A probe's port is a number or the name of one of the container's ports.
    private static string ProbePort(YamlMappingNode container, YamlMappingNode httpGet)
    {
        var port = Scalar(httpGet, "port");
        return port.All(char.IsAsciiDigit)
            ? port
            : Scalar(Sequence(container, "ports").Cast<YamlMappingNode>().Single(p => Scalar(p, "name") == port), "containerPort");
    }

    private static int Mebibytes(string quantity) => quantity switch
    {
        _ when quantity.EndsWith("Mi", StringComparison.Ordinal) => int.Parse(quantity[..^2], CultureInfo.InvariantCulture),
        _ when quantity.EndsWith("Gi", StringComparison.Ordinal) => int.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024,
        _ => throw new FormatException($"memory {quantity}: write it in Mi or Gi"),
    };

    private static YamlMappingNode PodSpec(YamlMappingNode workload)
    {
        var spec = Mapping(workload, "spec");
        var template = spec.Children.ContainsKey("jobTemplate") ? Mapping(Mapping(Mapping(spec, "jobTemplate"), "spec"), "template") : Mapping(spec, "template");
        return Mapping(template, "spec");
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
