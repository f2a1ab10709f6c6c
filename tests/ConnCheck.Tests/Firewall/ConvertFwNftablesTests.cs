using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Firewall;

public sealed class ConvertFwNftablesTests
{
    [Fact]
    public async Task Format_OverlappingFiles_OneSetPerPortsAndFamilyAndAnAcceptRuleForEach()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("nftables");

        var lines = conversion.Output.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal("#!/usr/sbin/nft -f", lines[0]);
        Assert.Single(lines, "table inet conn_check_egress {");
        Assert.Contains("type filter hook output priority filter; policy accept;", lines);
        Assert.Equal(
            [
                "ip daddr @tcp_1_v4 tcp dport { 5432, 6432, 5433 } accept",
                "ip daddr @tcp_2_v4 tcp dport { 443, 80 } accept",
                "ip6 daddr @tcp_2_v6 tcp dport { 443, 80 } accept",
                "ip daddr @udp_3_v4 udp dport 8125 accept",
                "ip6 daddr @tcp_4_v6 tcp dport 22 accept",
            ],
            lines.Where(l => l.EndsWith(" accept", StringComparison.Ordinal) && l.Contains("daddr", StringComparison.Ordinal)));
        Assert.Contains("192.0.2.10, # db.example, db-replica-alias.example", lines);
        Assert.Contains("2001:db8::20, # web.example", lines);
        Assert.Contains("2001:db8::30,", lines);
    }

    [Fact]
    public async Task Format_OverlappingFiles_NftAcceptsTheFile()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("nft");
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, directory.Write("egress.nft", conversion.Output));

        var check = await ConvertFwNft.CheckAsync(file);

        Assert.True(check.ExitCode == 0, $"nft -c -f failed ({check.ExitCode}):\n{check.Stderr}\n{conversion.Output}");
    }

    [Fact]
    public async Task Format_NoRules_NftAcceptsTheEmptyTable()
    {
        var conversion = await ConvertFwFixtures.ConvertAsync("nftables", null, null, "egress: []");
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, directory.Write("empty.nft", conversion.Output));

        var check = await ConvertFwNft.CheckAsync(file);

        Assert.True(check.ExitCode == 0, $"nft -c -f failed ({check.ExitCode}):\n{check.Stderr}\n{conversion.Output}");
        Assert.DoesNotContain("set ", conversion.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RuleNamesAMissingSet_NftRejectsIt()
    {
        // The checks above are only worth something if nft -c really checks, beyond the syntax.
        var conversion = await ConvertFwFixtures.ConvertBothAsync("nftables");
        using var directory = new TempDirectory();
        var broken = conversion.Output.Replace("daddr @tcp_1_v4", "daddr @missing_v4", StringComparison.Ordinal);
        Assert.NotEqual(conversion.Output, broken);
        var file = Path.Combine(directory.Path, directory.Write("broken.nft", broken));

        var check = await ConvertFwNft.CheckAsync(file);

        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("Error", check.Stderr, StringComparison.Ordinal);
    }
}
