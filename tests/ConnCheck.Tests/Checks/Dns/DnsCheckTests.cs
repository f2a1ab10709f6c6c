using System.Diagnostics;
using System.Net;
using ConnCheck.Checks;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.TestPeers;

namespace ConnCheck.Tests.Checks.Dns;

/// <summary>The dns check against dnsmasq's fixed records (scripts/servers/dnsmasq.sh).</summary>
public sealed class DnsCheckTests
{
    private readonly DnsTestServer _server = new();

    private string Dns(string host, string extra = "") =>
        $"- {{type: dns, host: {host}, server: '{_server.Address}'{(extra.Length > 0 ? ", " + extra : "")}}}\n";

    [Fact]
    public async Task Run_DefaultRecords_OkNamedAPlusAaaa()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["ONE"], "expect: ['127.0.0.1', '::1']"));

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal($"dns:{_server["ONE"]}:A+AAAA", result.Name);
    }

    [Fact]
    public async Task Run_ThreeARecords_AllExpectedPresent_Ok()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["THREE"], "record: a, expect: [127.0.0.1, 127.0.0.2, 127.0.0.3]"));

        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal($"dns:{_server["THREE"]}:A", result.Name);

        // The structured formats name what was asked about, not the server asked.
        Assert.Equal(_server["THREE"], result.Subject?.Host);
        Assert.Null(result.Subject?.Port);
    }

    [Fact]
    public async Task Run_ExpectedAddressMissing_FailsListingWhatCameBack()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["THREE"], "record: A, expect: [127.0.0.1, 127.0.0.4]"));

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Equal($"A records of {_server["THREE"]} lack 127.0.0.4; got 127.0.0.1, 127.0.0.2, 127.0.0.3", result.Message);
    }

    [Fact]
    public async Task Run_Aaaa_Ok()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["V6"], "record: AAAA, expect: '::1'"));

        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_AaaaOfIpv4OnlyName_NoRecords()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["THREE"], "record: AAAA"));

        StageAssert.Failed(FailureStage.Resolve, result);
        Assert.Equal($"No AAAA records for {_server["THREE"]} (from {_server.Address})", result.Message);
    }

    [Fact]
    public async Task Run_Cname_Ok()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["ALIAS"], $"record: CNAME, expect: {_server["ONE"]}."));

        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_Mx_ExpectedByNameOrWithPreference_Ok()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["MX"], "record: MX, expect: ['10 mail.conn-check.test', backup.conn-check.test]"));

        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_MxWrongPreference_Fails()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["MX"], "record: MX, expect: '5 mail.conn-check.test'"));

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Equal($"MX records of {_server["MX"]} lack 5 mail.conn-check.test; got 10 mail.conn-check.test, 20 backup.conn-check.test", result.Message);
    }

    [Fact]
    public async Task Run_Srv_ExpectedAsTargetPort_Ok()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["SRV"], "record: SRV, expect: 'one.conn-check.test:5432'"));

        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_Txt_Ok()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["TXT"], "record: TXT, expect: ['v=conn-check1', 'hello world']"));

        Assert.Equal(ResultStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Run_TxtIsCaseSensitive_Fails()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["TXT"], "record: TXT, expect: 'Hello World'"));

        StageAssert.Failed(FailureStage.Protocol, result);
        Assert.Contains("lack Hello World; got ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownName_Nxdomain()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["NXDOMAIN"]));

        StageAssert.Failed(FailureStage.Resolve, result);
        Assert.Equal($"{_server["NXDOMAIN"]} does not exist: NXDOMAIN from {_server.Address}", result.Message);
    }

    [Fact]
    public async Task Run_FailingName_Servfail()
    {
        var result = await CheckHarness.RunOneAsync(Dns(_server["SERVFAIL"], "record: A"));

        StageAssert.Failed(FailureStage.Resolve, result);
        Assert.Equal($"{_server.Address} answered SERVFAIL for {_server["SERVFAIL"]} (A)", result.Message);
    }

    [Fact]
    public async Task Run_ServerNeverAnswers_TimesOutWithinTimeout()
    {
        // A UDP socket that takes every question and answers none.
        await using var silent = UdpPeer.Start(_ => null);
        var clock = Stopwatch.StartNew();

        var result = await CheckHarness.RunOneAsync($"- {{type: dns, host: {_server["ONE"]}, server: '127.0.0.1:{silent.Port}', timeout: 0.5}}\n");

        Assert.Equal(ResultStatus.Failed, result.Status);
        Assert.Equal("timed out after 0.5 s", result.Message);
        Assert.Equal(FailureStage.Resolve, result.Stage);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Run_NoServer_AsksTheRunsResolver()
    {
        var resolver = new DnsHostResolver(new IPEndPoint(IPAddress.Parse(_server.Host), _server.Port));

        var result = await CheckHarness.RunOneAsync($"- {{type: dns, host: {_server["THREE"]}, record: A, expect: 127.0.0.2}}\n", resolver);

        Assert.Equal(ResultStatus.Ok, result.Status);
    }
}
