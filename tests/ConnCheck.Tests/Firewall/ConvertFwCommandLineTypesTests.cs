using ConnCheck.Firewall;

namespace ConnCheck.Tests.Firewall;

/// <summary>The command-per-port types of SPEC A8, on two overlapping export files.</summary>
public sealed class ConvertFwCommandLineTypesTests
{
    private const string AwsPrefix = "aws ec2 authorize-security-group-egress --group-id $SECGROUP";

    [Fact]
    public async Task Format_Aws_OneCommandPerPortAndAddressMergedAcrossFiles()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("aws");

        Assert.Empty(conversion.Problems);
        Assert.Equal(
            $$"""
            {{AwsPrefix}} --protocol tcp --port 5432 --cidr 192.0.2.10/32
            {{AwsPrefix}} --protocol tcp --port 6432 --cidr 192.0.2.10/32
            {{AwsPrefix}} --protocol tcp --port 5433 --cidr 192.0.2.10/32
            {{AwsPrefix}} --protocol tcp --port 443 --cidr 192.0.2.20/32
            {{AwsPrefix}} --protocol tcp --port 80 --cidr 192.0.2.20/32
            {{AwsPrefix}} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=2001:db8::20/128}]'
            {{AwsPrefix}} --ip-permissions 'IpProtocol=tcp,FromPort=80,ToPort=80,Ipv6Ranges=[{CidrIpv6=2001:db8::20/128}]'
            {{AwsPrefix}} --protocol udp --port 8125 --cidr 127.0.0.1/32
            {{AwsPrefix}} --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=2001:db8::30/128}]'

            """,
            conversion.Output);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("amazon")]
    [InlineData("ec2")]
    [InlineData(" EC2 ")]
    public async Task Format_AwsAliases_SameOutputAsAws(string alias)
    {
        var expected = await ConvertFwFixtures.ConvertBothAsync("aws");

        var actual = await ConvertFwFixtures.ConvertBothAsync(alias);

        Assert.Equal(expected.Output, actual.Output);
    }

    [Fact]
    public async Task Format_AwsWithGroup_UsesTheGroupInsteadOfSecgroup()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("aws", FirewallFormatOptions.Default with { Group = "sg-0123456789abcdef0" });

        var lines = Lines(conversion.Output);
        Assert.Equal(9, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("aws ec2 authorize-security-group-egress --group-id sg-0123456789abcdef0 ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("$SECGROUP", conversion.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Format_Neutron_EthertypeFollowsTheAddressFamily()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("neutron");

        Assert.Equal(
            """
            neutron security-group-rule-create --direction egress --ethertype IPv4 --protocol tcp --port-range-min 5432 --port-range-max 5432 --remote-ip-prefix 192.0.2.10/32 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv4 --protocol tcp --port-range-min 6432 --port-range-max 6432 --remote-ip-prefix 192.0.2.10/32 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv4 --protocol tcp --port-range-min 5433 --port-range-max 5433 --remote-ip-prefix 192.0.2.10/32 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv4 --protocol tcp --port-range-min 443 --port-range-max 443 --remote-ip-prefix 192.0.2.20/32 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv4 --protocol tcp --port-range-min 80 --port-range-max 80 --remote-ip-prefix 192.0.2.20/32 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv6 --protocol tcp --port-range-min 443 --port-range-max 443 --remote-ip-prefix 2001:db8::20/128 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv6 --protocol tcp --port-range-min 80 --port-range-max 80 --remote-ip-prefix 2001:db8::20/128 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv4 --protocol udp --port-range-min 8125 --port-range-max 8125 --remote-ip-prefix 127.0.0.1/32 $SECGROUP
            neutron security-group-rule-create --direction egress --ethertype IPv6 --protocol tcp --port-range-min 22 --port-range-max 22 --remote-ip-prefix 2001:db8::30/128 $SECGROUP

            """,
            conversion.Output);
    }

    [Theory]
    [InlineData("openstack")]
    [InlineData("os")]
    [InlineData("Neutron")]
    public async Task Format_NeutronAliases_SameOutputAsNeutron(string alias)
    {
        var expected = await ConvertFwFixtures.ConvertBothAsync("neutron", FirewallFormatOptions.Default with { Group = "egress-web" });

        var actual = await ConvertFwFixtures.ConvertBothAsync(alias, FirewallFormatOptions.Default with { Group = "egress-web" });

        Assert.Equal(expected.Output, actual.Output);
        Assert.All(Lines(actual.Output), line => Assert.EndsWith(" egress-web", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Format_Nova_OneCommandPerPortAndAddress()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("nova");

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
            conversion.Output);
    }

    [Fact]
    public async Task Format_Ufw_OneCommandPerPortAndAddress()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("ufw");

        Assert.Equal(
            """
            ufw allow proto tcp from any to 192.0.2.10/32 port 5432
            ufw allow proto tcp from any to 192.0.2.10/32 port 6432
            ufw allow proto tcp from any to 192.0.2.10/32 port 5433
            ufw allow proto tcp from any to 192.0.2.20/32 port 443
            ufw allow proto tcp from any to 192.0.2.20/32 port 80
            ufw allow proto tcp from any to 2001:db8::20/128 port 443
            ufw allow proto tcp from any to 2001:db8::20/128 port 80
            ufw allow proto udp from any to 127.0.0.1/32 port 8125
            ufw allow proto tcp from any to 2001:db8::30/128 port 22

            """,
            conversion.Output);
    }

    [Fact]
    public async Task Format_Iptables_KeepsNamesAsWrittenAndResolvesNothing()
    {
        var resolver = ConvertFwFixtures.Resolver();

        var conversion = await ConvertFwFixtures.ConvertAsync("iptables", null, resolver, ConvertFwFixtures.App1, ConvertFwFixtures.App2, ConvertFwFixtures.Unresolvable);

        Assert.Empty(resolver.Asked);
        Assert.Empty(conversion.Problems);
        Assert.Equal(
            """
            iptables -A FORWARD -p tcp --dport 5432 -s app1.example -d db.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 6432 -s app1.example -d db.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 443 -s app1.example -d web.example -j ACCEPT
            iptables -A FORWARD -p udp --dport 8125 -s app1.example -d stats.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 6432 -s app2.example -d db.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 5433 -s app2.example -d db.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 5432 -s app2.example -d db-replica-alias.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 443 -s app2.example -d web.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 80 -s app2.example -d web.example -j ACCEPT
            ip6tables -A FORWARD -p tcp --dport 22 -s app2.example -d 2001:db8::30 -j ACCEPT
            iptables -A FORWARD -p tcp --dport 9000 -s app3.example -d nope.example -j ACCEPT
            iptables -A FORWARD -p tcp --dport 5432 -s app3.example -d db.example -j ACCEPT

            """,
            conversion.Output);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("neutron")]
    [InlineData("nova")]
    [InlineData("iptables")]
    [InlineData("ufw")]
    public async Task Format_SameFileTwice_IdenticalLinesPrintedOnce(string type)
    {
        var once = await ConvertFwFixtures.ConvertAsync(type, null, null, ConvertFwFixtures.App1);

        var twice = await ConvertFwFixtures.ConvertAsync(type, null, null, ConvertFwFixtures.App1, ConvertFwFixtures.App1);

        Assert.NotEmpty(Lines(once.Output));
        Assert.Equal(once.Output, twice.Output);
    }

    [Theory]
    [InlineData("aws")]
    [InlineData("neutron")]
    [InlineData("nova")]
    [InlineData("ufw")]
    public async Task Format_UnresolvableName_ReportedAndTheOtherRulesStillPrinted(string type)
    {
        var conversion = await ConvertFwFixtures.ConvertAsync(type, null, null, ConvertFwFixtures.Unresolvable);

        Assert.Equal(["DNS resolution failed for nope.example: name not found; rules to nope.example left out"], conversion.Problems);
        var line = Assert.Single(Lines(conversion.Output));
        Assert.Contains("192.0.2.10/32", line, StringComparison.Ordinal);
        Assert.Contains("5432", line, StringComparison.Ordinal);
        Assert.DoesNotContain("9000", conversion.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Format_NameWithTwoAddresses_ARulePerAddress()
    {
        var conversion = await ConvertFwFixtures.ConvertAsync("ufw", null, null, """
            egress:
            - {from_host: app.example, to_host: web.example, protocol: tcp, ports: [443]}
            """);

        Assert.Equal(
            """
            ufw allow proto tcp from any to 192.0.2.20/32 port 443
            ufw allow proto tcp from any to 2001:db8::20/128 port 443

            """,
            conversion.Output);
    }

    [Fact]
    public async Task Resolve_EachNameOnce_EvenWhenSeveralRulesAndFilesNameIt()
    {
        var resolver = ConvertFwFixtures.Resolver();

        await ConvertFwFixtures.ConvertAsync("aws", null, resolver, ConvertFwFixtures.App1, ConvertFwFixtures.App2, ConvertFwFixtures.Unresolvable);

        Assert.Equal(
            ["2001:db8::30", "db-replica-alias.example", "db.example", "nope.example", "stats.example", "web.example"],
            resolver.Asked.Order(StringComparer.Ordinal));
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
