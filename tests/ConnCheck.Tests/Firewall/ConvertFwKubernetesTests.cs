using ConnCheck.Firewall;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Tests.Firewall;

/// <summary>The NetworkPolicy is parsed back and compared as data, as kubectl would read it.</summary>
public sealed class ConvertFwKubernetesTests
{
    [Fact]
    public async Task Format_OverlappingFiles_EgressPolicyWithEveryAddressAndItsPorts()
    {
        var options = FirewallFormatOptions.Default with { PodLabels = [new("app", "web"), new("tier", "front")] };

        var policy = Parse((await ConvertFwFixtures.ConvertBothAsync("k8s", options)).Output);

        Assert.Equal("networking.k8s.io/v1", Scalar(policy, "apiVersion"));
        Assert.Equal("NetworkPolicy", Scalar(policy, "kind"));
        Assert.Equal("conn-check-egress", Scalar(Map(policy, "metadata"), "name"));
        var spec = Map(policy, "spec");
        Assert.Equal([("app", "web"), ("tier", "front")], Labels(Map(Map(spec, "podSelector"), "matchLabels")));
        Assert.Equal(["Egress"], Seq(spec, "policyTypes").Cast<YamlScalarNode>().Select(s => s.Value));
        Assert.Equal(
            [
                "192.0.2.10/32 -> TCP/5432 TCP/6432 TCP/5433",
                "192.0.2.20/32 2001:db8::20/128 -> TCP/443 TCP/80",
                "127.0.0.1/32 -> UDP/8125",
                "2001:db8::30/128 -> TCP/22",
            ],
            Egress(spec));
    }

    [Fact]
    public async Task Format_NoPodSelector_SelectsEveryPodWithAnEmptySelector()
    {
        var policy = Parse((await ConvertFwFixtures.ConvertBothAsync("kubernetes")).Output);

        var selector = Map(Map(policy, "spec"), "podSelector");
        Assert.Empty(selector.Children);
    }

    [Fact]
    public async Task Format_NameAndLabelsThatLookLikeOtherTypes_StayStrings()
    {
        // Label values must be strings: an unquoted true or 1e3 would be a boolean or a number to kubectl.
        var options = FirewallFormatOptions.Default with { PolicyName = "egress.v2", PodLabels = [new("canary", "true"), new("build", "1e3"), new("zone", "")] };

        var policy = Parse((await ConvertFwFixtures.ConvertBothAsync("k8s", options)).Output);

        Assert.Equal("egress.v2", Scalar(Map(policy, "metadata"), "name"));
        var labels = Map(Map(Map(policy, "spec"), "podSelector"), "matchLabels");
        Assert.Equal([("canary", "true"), ("build", "1e3"), ("zone", "")], Labels(labels));
        Assert.All(labels.Children.Values.Cast<YamlScalarNode>(), value => Assert.NotEqual(ScalarStyle.Plain, value.Style));
    }

    [Fact]
    public async Task Format_NoRules_DeniesAllEgressWithAnEmptyList()
    {
        var policy = Parse((await ConvertFwFixtures.ConvertAsync("k8s", null, null, "egress:")).Output);

        Assert.Empty(Seq(Map(policy, "spec"), "egress"));
    }

    [Fact]
    public async Task Format_UnresolvableName_ReportedAndLeftOut()
    {
        var conversion = await ConvertFwFixtures.ConvertAsync("k8s", null, null, ConvertFwFixtures.Unresolvable);

        Assert.Single(conversion.Problems);
        Assert.Equal(["192.0.2.10/32 -> TCP/5432"], Egress(Map(Parse(conversion.Output), "spec")));
    }

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    /// <summary>Each egress rule as <c>CIDR ... -> PROTOCOL/PORT ...</c>.</summary>
    private static List<string> Egress(YamlMappingNode spec) =>
        Seq(spec, "egress").Cast<YamlMappingNode>().Select(rule =>
            string.Join(" ", Seq(rule, "to").Cast<YamlMappingNode>().Select(to => Scalar(Map(to, "ipBlock"), "cidr")))
            + " -> "
            + string.Join(" ", Seq(rule, "ports").Cast<YamlMappingNode>().Select(p => $"{Scalar(p, "protocol")}/{Scalar(p, "port")}")))
        .ToList();

    private static (string, string)[] Labels(YamlMappingNode labels) =>
        labels.Children.Select(c => (((YamlScalarNode)c.Key).Value!, ((YamlScalarNode)c.Value).Value!)).ToArray();

    private static YamlMappingNode Map(YamlMappingNode node, string key) => Assert.IsType<YamlMappingNode>(node.Children[new YamlScalarNode(key)]);

    private static YamlSequenceNode Seq(YamlMappingNode node, string key) => Assert.IsType<YamlSequenceNode>(node.Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlMappingNode node, string key) => Assert.IsType<YamlScalarNode>(node.Children[new YamlScalarNode(key)]).Value!;
}
