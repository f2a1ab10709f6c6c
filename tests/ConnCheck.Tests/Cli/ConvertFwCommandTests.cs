using ConnCheck.Cli;
using ConnCheck.Tests.Checks;
using ConnCheck.Tests.Checks.Dns;
using ConnCheck.Tests.EndToEnd;
using ConnCheck.Tests.Firewall;

namespace ConnCheck.Tests.Cli;

/// <summary>convert-fw through the whole program in memory, as a subcommand and under its own name.</summary>
public sealed class ConvertFwCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeHostResolver _resolver = ConvertFwFixtures.Resolver();

    public ConvertFwCommandTests()
    {
        _directory.Write("app1.yaml", ConvertFwFixtures.App1);
        _directory.Write("app2.yaml", ConvertFwFixtures.App2);
        _directory.Write("app3.yaml", ConvertFwFixtures.Unresolvable);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunAsync_Subcommand_PrintsTheMergedCommands()
    {
        var run = await RunAsync(null, "convert-fw", "-t", "nova", File("app1.yaml"), File("app2.yaml"));

        Assert.Equal(0, run.Exit);
        Assert.Equal("", run.Stderr);
        Assert.Equal(
            """
            nova secgroup-add-rule $SECGROUP tcp 5432 5432 192.0.2.10/32
            nova secgroup-add-rule $SECGROUP tcp 6432 6432 192.0.2.10/32
            nova secgroup-add-rule $SECGROUP tcp 5433 5433 192.0.2.10/32
            nova secgroup-add-rule $SECGROUP tcp 443 443 192.0.2.20/32
            nova secgroup-add-rule $SECGROUP tcp 80 80 192.0.2.20/32
            nova secgroup-add-rule $SECGROUP tcp 443 443 2001:db8::20/128
            nova secgroup-add-rule $SECGROUP tcp 80 80 2001:db8::20/128
            nova secgroup-add-rule $SECGROUP udp 8125 8125 127.0.0.1/32
            nova secgroup-add-rule $SECGROUP tcp 22 22 2001:db8::30/128

            """,
            run.Stdout);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("amazon")]
    [InlineData("ec2")]
    [InlineData("neutron")]
    [InlineData("openstack")]
    [InlineData("os")]
    [InlineData("nova")]
    [InlineData("iptables")]
    [InlineData("ufw")]
    [InlineData("nftables")]
    [InlineData("k8s")]
    [InlineData("aws-json")]
    public async Task RunAsync_InvokedAsConnCheckConvertFw_SameAsTheSubcommand(string type)
    {
        var subcommand = await RunAsync(null, "convert-fw", "-t", type, File("app1.yaml"), File("app2.yaml"));

        var busybox = await RunAsync("/usr/bin/conn-check-convert-fw", "--type", type, File("app1.yaml"), File("app2.yaml"));

        Assert.Equal((0, ""), (subcommand.Exit, subcommand.Stderr));
        Assert.NotEqual("", subcommand.Stdout);
        Assert.Equal(subcommand, busybox);
    }

    [Fact]
    public async Task RunAsync_Group_ReplacesSecgroup()
    {
        var run = await RunAsync(null, "convert-fw", "-t", "os", "--group", "web-egress", File("app1.yaml"));

        Assert.Equal(0, run.Exit);
        Assert.All(run.Stdout.TrimEnd('\n').Split('\n'), line => Assert.EndsWith(" web-egress", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_UnknownType_Exit1WithMessageAndNothingPrinted()
    {
        var run = await RunAsync(null, "convert-fw", "-t", "pf", File("app1.yaml"));

        Assert.Equal((1, ""), (run.Exit, run.Stdout));
        Assert.Equal(
            "conn-check convert-fw: error: invalid output type (pf); types: aws (amazon, ec2), neutron (openstack, os), nova, iptables, ufw, nftables (nft), k8s (kubernetes), aws-json\n",
            run.Stderr);
    }

    [Fact]
    public async Task RunAsync_UnresolvableName_ReportedOnStderrOthersPrintedExit1()
    {
        var run = await RunAsync("conn-check-convert-fw", "-t", "ufw", File("app3.yaml"), File("app1.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.Equal("conn-check-convert-fw: DNS resolution failed for nope.example: name not found; rules to nope.example left out\n", run.Stderr);
        Assert.Equal(
            """
            ufw allow proto tcp from any to 192.0.2.10/32 port 5432
            ufw allow proto tcp from any to 192.0.2.10/32 port 6432
            ufw allow proto tcp from any to 192.0.2.20/32 port 443
            ufw allow proto tcp from any to 2001:db8::20/128 port 443
            ufw allow proto udp from any to 127.0.0.1/32 port 8125

            """,
            run.Stdout);
    }

    [Fact]
    public async Task RunAsync_PodSelectorAndName_InTheNetworkPolicy()
    {
        var run = await RunAsync(null, "convert-fw", "-t", "k8s", "--pod-selector", "app=web, tier=front", "--name", "web-egress", File("app1.yaml"));

        Assert.Equal(0, run.Exit);
        Assert.Contains("  name: web-egress\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("    matchLabels:\n      app: web\n      tier: front\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UseNovaFrom1x_AcceptedAndIgnored()
    {
        var run = await RunAsync(null, "convert-fw", "-t", "nova", "--use-nova", File("app1.yaml"));
        var without = await RunAsync(null, "convert-fw", "-t", "nova", File("app1.yaml"));

        Assert.Equal(without, run);
    }

    [Theory]
    [InlineData("FILE")]
    [InlineData("-t", "aws")]
    [InlineData("-t", "aws", "--no-such-option", "FILE")]
    [InlineData("-t", "k8s", "--pod-selector", "app", "FILE")]
    [InlineData("-t", "k8s", "--pod-selector", "app=a,app=b", "FILE")]
    [InlineData("-t", "k8s", "--name", "Not_A_Name", "FILE")]
    public async Task RunAsync_UsageError_Exit2WithUsageLine(params string[] args)
    {
        var run = await RunAsync(null, ["convert-fw", .. args.Select(a => a == "FILE" ? File("app1.yaml") : a)]);

        Assert.Equal((2, ""), (run.Exit, run.Stdout));
        Assert.StartsWith("usage: conn-check convert-fw -t TYPE [--group GROUP] FILE [FILE ...]\nconn-check convert-fw: error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingOrInvalidFile_Exit1NamingEachProblem()
    {
        _directory.Write("bad.yaml", "egress:\n- {from_host: a, to_host: b, protocol: sctp, ports: [1]}\n");

        var run = await RunAsync(null, "convert-fw", "-t", "aws", File("missing.yaml"), File("bad.yaml"), File("app1.yaml"));

        Assert.Equal((1, ""), (run.Exit, run.Stdout));
        Assert.Equal(
            $"{File("missing.yaml")}:1:1: cannot read export file: no such file\n{File("bad.yaml")}:2:40: protocol must be tcp or udp, not 'sctp'\n",
            run.Stderr);
        Assert.Empty(_resolver.Asked);
    }

    [Fact]
    public async Task RunAsync_ExportThenConvert_TheWorkflowOfTheManual()
    {
        _directory.Write("checks.yaml", """
            - {type: tcp, host: db.example, port: 5432}
            - {type: http, url: "https://web.example/"}
            """);
        var export = await RunAsync(null, "export-fw", "-o", File("app9.yaml"), File("checks.yaml"));

        var convert = await RunAsync(null, "convert-fw", "-t", "iptables", File("app9.yaml"), File("app1.yaml"));

        Assert.Equal((0, 0), (export.Exit, convert.Exit));
        Assert.Equal(
            """
            iptables -A FORWARD -p tcp --dport 5432 -s app9.example -d db.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 443 -s app9.example -d web.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 5432 -s app1.example -d db.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 6432 -s app1.example -d db.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 443 -s app1.example -d web.example -j ACCEPT
            iptables -A FORWARD -p udp --dport 8125 -s app1.example -d stats.example -j ACCEPT

            """,
            convert.Stdout);
    }

    [Fact]
    public async Task RunAsync_Help_ListsTheTypesAndItsAliases()
    {
        var run = await RunAsync(null, "convert-fw", "--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains(" convert-fw <FILE>... [options]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("aws (amazon, ec2), neutron (openstack, os), nova, iptables, ufw, nftables (nft), k8s (kubernetes), aws-json", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--use-nova", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Resolver_NamesResolvedThroughThatDnsServerNotTheSystems()
    {
        // The dnsmasq of the test servers answers three.conn-check.test with three loopback addresses;
        // the injected resolver of the other tests knows nothing of that name.
        var dns = new DnsTestServer();
        System.IO.File.WriteAllText(File("app4.yaml"), $"egress:\n- from_host: app4.example\n  to_host: {dns["THREE"]}\n  protocol: tcp\n  ports: [5432]\n");

        var run = await RunAsync(null, "convert-fw", "-t", "nova", "--resolver", dns.Address, File("app4.yaml"));
        var without = await RunAsync(null, "convert-fw", "-t", "nova", File("app4.yaml"));

        Assert.Equal((0, ""), (run.Exit, run.Stderr));
        Assert.Equal(
            ["127.0.0.1", "127.0.0.2", "127.0.0.3"],
            run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[^1].Split('/')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(1, without.Exit);
        Assert.Contains(dns["THREE"], without.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("127.0.0.1:99999")]
    public async Task RunAsync_ResolverNotAnAddress_UsageErrorExit2(string resolver)
    {
        var run = await RunAsync(null, "convert-fw", "-t", "nova", "--resolver", resolver, File("app1.yaml"));

        Assert.Equal((2, ""), (run.Exit, run.Stdout));
        Assert.Contains($"argument --resolver: expected an IP address with an optional port (ADDR[:PORT]), got '{resolver}'", run.Stderr, StringComparison.Ordinal);
    }

    private string File(string name) => Path.Combine(_directory.Path, name);

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? programName, params string[] args) =>
        ExportFwCommandTests.RunWithAsync(AppEnvironment.System with { ProgramName = programName, Resolver = _resolver, Fqdn = new ExportFwFixedFqdn("app9.example") }, args);
}
