using System.Text.Json;
using ConnCheck.Firewall;

namespace ConnCheck.Tests.Firewall;

/// <summary>The --ip-permissions JSON is parsed back and compared as data.</summary>
public sealed class ConvertFwAwsJsonTests
{
    [Fact]
    public async Task Format_OverlappingFiles_AnObjectPerProtocolAddressAndRunOfPorts()
    {
        var conversion = await ConvertFwFixtures.ConvertBothAsync("aws-json");

        Assert.Equal(
            [
                ("tcp", 5432, 5433, "IpRanges", "CidrIp", "192.0.2.10/32", "db.example, db-replica-alias.example"),
                ("tcp", 6432, 6432, "IpRanges", "CidrIp", "192.0.2.10/32", "db.example, db-replica-alias.example"),
                ("tcp", 80, 80, "IpRanges", "CidrIp", "192.0.2.20/32", "web.example"),
                ("tcp", 443, 443, "IpRanges", "CidrIp", "192.0.2.20/32", "web.example"),
                ("tcp", 80, 80, "Ipv6Ranges", "CidrIpv6", "2001:db8::20/128", "web.example"),
                ("tcp", 443, 443, "Ipv6Ranges", "CidrIpv6", "2001:db8::20/128", "web.example"),
                ("udp", 8125, 8125, "IpRanges", "CidrIp", "127.0.0.1/32", "stats.example"),
                ("tcp", 22, 22, "Ipv6Ranges", "CidrIpv6", "2001:db8::30/128", null),
            ],
            Permissions(conversion.Output));
    }

    [Fact]
    public async Task Format_ConsecutivePorts_OneRange()
    {
        var conversion = await ConvertFwFixtures.ConvertAsync("aws-json", null, null, """
            egress:
            - {from_host: a.example, to_host: 192.0.2.50, protocol: udp, ports: [6002, 6000, 6001, 7000, 6003]}
            """);

        Assert.Equal(
            [("udp", 6000, 6003, "IpRanges", "CidrIp", "192.0.2.50/32", null), ("udp", 7000, 7000, "IpRanges", "CidrIp", "192.0.2.50/32", null)],
            Permissions(conversion.Output));
    }

    [Fact]
    public async Task Format_NoRules_EmptyArray()
    {
        var conversion = await ConvertFwFixtures.ConvertAsync("aws-json", null, null, "egress: []");

        Assert.Empty(Permissions(conversion.Output));
    }

    [Fact]
    public void Ranges_UnsortedWithDuplicates_SortedInclusiveRuns()
    {
        Assert.Equal([(1, 3), (5, 5), (65534, 65535)], AwsJsonFormatter.Ranges([65535, 3, 1, 2, 5, 2, 65534]));
    }

    private static List<(string, int, int, string, string, string, string?)> Permissions(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        var permissions = new List<(string, int, int, string, string, string, string?)>();
        foreach (var permission in document.RootElement.EnumerateArray())
        {
            Assert.Equal(4, permission.EnumerateObject().Count());
            var rangesKey = permission.TryGetProperty("Ipv6Ranges", out _) ? "Ipv6Ranges" : "IpRanges";
            var range = Assert.Single(permission.GetProperty(rangesKey).EnumerateArray().ToList());
            var cidrKey = rangesKey == "Ipv6Ranges" ? "CidrIpv6" : "CidrIp";
            permissions.Add((
                permission.GetProperty("IpProtocol").GetString()!,
                permission.GetProperty("FromPort").GetInt32(),
                permission.GetProperty("ToPort").GetInt32(),
                rangesKey,
                cidrKey,
                range.GetProperty(cidrKey).GetString()!,
                range.TryGetProperty("Description", out var description) ? description.GetString() : null));
        }

        return permissions;
    }
}
