using ConnCheck.Configuration;
using ConnCheck.Firewall;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Tests.Firewall;

public sealed class ExportFwFileTests
{
    private static readonly EgressRule[] Rules =
    [
        new("app1.example", "db.example", "tcp", [5432, 6432]),
        new("app1.example", "::1", "udp", [8125]),
        new("app1.example", "2001:db8::5", "tcp", [80]),
        new("app1.example", "192.0.2.10", "tcp", [443]),
    ];

    [Fact]
    public void Write_Rules_TheShapeOfSpecA7()
    {
        Assert.Equal(
            """
            egress:
            - from_host: app1.example
              to_host: db.example
              protocol: tcp
              ports: [5432, 6432]
            - from_host: app1.example
              to_host: "::1"
              protocol: udp
              ports: [8125]
            - from_host: app1.example
              to_host: "2001:db8::5"
              protocol: tcp
              ports: [80]
            - from_host: app1.example
              to_host: 192.0.2.10
              protocol: tcp
              ports: [443]

            """,
            ExportFileWriter.Write(Rules).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_ThenParsedAsPlainYaml_SameData()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(ExportFileWriter.Write(Rules)));

        var root = Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
        var egress = Assert.IsType<YamlSequenceNode>(root.Children[new YamlScalarNode("egress")]);
        var read = egress.Cast<YamlMappingNode>().Select(rule => new EgressRule(
            Value(rule, "from_host"),
            Value(rule, "to_host"),
            Value(rule, "protocol"),
            ((YamlSequenceNode)rule.Children[new YamlScalarNode("ports")]).Cast<YamlScalarNode>().Select(p => int.Parse(p.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()));
        Assert.Equal(Rules.Select(Flat), read.Select(Flat));
    }

    [Fact]
    public void Read_WhatWriteWrote_SameRules()
    {
        var read = ExportFileReader.Read(ExportFileWriter.Write(Rules), "x.yaml");

        Assert.Equal(Rules.Select(Flat), read.Select(Flat));
    }

    [Fact]
    public void Write_NoRules_EmptyListThatReadsBack()
    {
        var text = ExportFileWriter.Write([]);

        Assert.Equal("egress: []", text.Trim());
        Assert.Empty(ExportFileReader.Read(text, "x.yaml"));
    }

    [Fact]
    public void Read_OneXStyle_KeysInAnyOrderPortsAsStringsProtocolInCapitals()
    {
        var read = ExportFileReader.Read("""
            # Generated from the conn-check demo.yaml file
            egress:
            - from_host: mydevmachine
              ports: [8080]
              protocol: udp
              to_host: localhost
            - from_host: mydevmachine
              ports: ["80", 443, 80]
              protocol: TCP
              to_host: login.ubuntu.com
            - {from_host: mydevmachine, ports: 6379, protocol: tcp, to_host: "[::1]"}
            """, "demo-fw.yaml");

        Assert.Equal(
            ["mydevmachine localhost udp 8080", "mydevmachine login.ubuntu.com tcp 80,443", "mydevmachine ::1 tcp 6379"],
            read.Select(Flat));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("egress:", 0)]
    [InlineData("other: 1", 0)]
    public void Read_EmptyOrWithoutEgress_NoRules(string text, int count)
    {
        Assert.Equal(count, ExportFileReader.Read(text, "x.yaml").Count);
    }

    [Theory]
    [InlineData("- a\n- b", "x.yaml:1:1: an export file must be a mapping with an 'egress' list")]
    [InlineData("egress: yes", "x.yaml:1:9: 'egress' must be a list of rules")]
    [InlineData("egress:\n- [a]", "x.yaml:2:3: each egress rule must be a mapping with from_host, to_host, protocol and ports")]
    [InlineData("egress:\n- {to_host: b, protocol: tcp, ports: [1]}", "x.yaml:2:3: egress rule has no 'from_host'")]
    [InlineData("egress:\n- {from_host: a, to_host: '', protocol: tcp, ports: [1]}", "x.yaml:2:27: to_host must be a non-empty value")]
    [InlineData("egress:\n- {from_host: a, to_host: b, protocol: icmp, ports: [1]}", "x.yaml:2:40: protocol must be tcp or udp, not 'icmp'")]
    [InlineData("egress:\n- {from_host: a, to_host: b, protocol: tcp, ports: [0]}", "x.yaml:2:53: ports must be numbers from 1 to 65535, found '0'")]
    [InlineData("egress:\n- {from_host: a, to_host: b, protocol: tcp, ports: [http]}", "x.yaml:2:53: ports must be numbers from 1 to 65535, found 'http'")]
    [InlineData("egress:\n- {from_host: a, to_host: b, protocol: tcp}", "x.yaml:2:3: egress rule needs 'ports', a list of port numbers")]
    [InlineData("egress:\n- {from_host: a, to_host: 'b; rm -rf /', protocol: tcp, ports: [1]}", "x.yaml:2:27: to_host must be a host name or address, not 'b; rm -rf /'")]
    [InlineData("egress: [", "x.yaml:2:1: invalid YAML: ")]
    public void Read_Invalid_ErrorWithPosition(string text, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ExportFileReader.Read(text, "x.yaml"));

        Assert.StartsWith(expected, e.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_Missing_ErrorNamesTheFile()
    {
        var e = Assert.Throws<ConfigurationException>(() => ExportFileReader.ReadFile("/nonexistent/fw.yaml"));

        Assert.Equal("/nonexistent/fw.yaml:1:1: cannot read export file: no such file", Assert.Single(e.Errors).ToString());
    }

    [Theory]
    [InlineData("db.example", true)]
    [InlineData("192.0.2.10", true)]
    [InlineData("192.0.2.10/32", true)]
    [InlineData("conn-check-egress", true)]
    [InlineData("::1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("12:30", false)]
    [InlineData("true", false)]
    [InlineData("No", false)]
    [InlineData("null", false)]
    [InlineData("1e3", false)]
    [InlineData("0x1F", false)]
    [InlineData("1_000", false)]
    [InlineData("12", false)]
    [InlineData("1.5", false)]
    [InlineData("2024-01-02", false)]
    [InlineData("", false)]
    [InlineData("-x", false)]
    [InlineData("a b", false)]
    public void IsPlainSafe_ValuesAnyYamlReaderTakesForStrings_OnlyThose(string value, bool plain)
    {
        Assert.Equal(plain, YamlEventWriter.IsPlainSafe(value));
    }

    private static string Value(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static string Flat(EgressRule rule) => $"{rule.FromHost} {rule.ToHost} {rule.Protocol} {string.Join(",", rule.Ports)}";
}
