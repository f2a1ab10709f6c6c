using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// client_cert and client_key against Apache's mutual-TLS ports, which require a certificate of the
/// test client CA: the right one passes, none and one of another CA fail at the TLS stage.
/// </summary>
public sealed class MutualTlsTests(TestServers servers) : IClassFixture<TestServers>
{
    [Fact]
    public async Task Run_TlsCheckWithClientCertificate_Ok()
    {
        var result = await TlsAsync(servers.ApacheMutualTls12Port, Client(servers.ClientCert, servers.ClientKey));

        Assert.True(result.Status == ResultStatus.Ok, $"{result.Status}: {result.Message}");
    }

    [Fact]
    public async Task Run_TlsCheckWithClientCertificateOverTls13_Ok()
    {
        var result = await TlsAsync(servers.ApacheMutualTlsPort, Client(servers.ClientCert, servers.ClientKey));

        Assert.True(result.Status == ResultStatus.Ok, $"{result.Status}: {result.Message}");
    }

    [Fact]
    public async Task Run_TlsCheckWithEncryptedKeyAndPassphrase_Ok()
    {
        var result = await TlsAsync(
            servers.ApacheMutualTls12Port,
            Client(servers.ClientCert, servers.ClientKeyEncrypted) + $"\n  client_key_passphrase: '{servers.ClientKeyPassphrase}'");

        Assert.True(result.Status == ResultStatus.Ok, $"{result.Status}: {result.Message}");
    }

    [Fact]
    public async Task Run_TlsCheckWithoutClientCertificate_FailsAtTls()
    {
        var result = await TlsAsync(servers.ApacheMutualTls12Port, "");

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith("TLS handshake failed: ", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_TlsCheckWithCertificateOfAnotherCa_FailsAtTls(bool tls12Only)
    {
        var port = tls12Only ? servers.ApacheMutualTls12Port : servers.ApacheMutualTlsPort;

        var result = await TlsAsync(port, Client(servers.OtherClientCert, servers.OtherClientKey));

        StageAssert.Failed(FailureStage.Tls, result);
        Assert.StartsWith("TLS handshake failed: ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HttpsWithClientCertificate_Ok()
    {
        var url = $"https://localhost:{servers.ApacheMutualTlsPort}/";

        var run = await HttpRun.RunAsync($"- type: https\n  url: '{url}'\n{Client(servers.ClientCert, servers.ClientKey)}\n", servers.CaDirectory);

        var request = run.Result($"http:{url}:");
        Assert.True(request.Status == ResultStatus.Ok, $"{request.Status}: {request.Message}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_HttpsWithoutClientCertificate_FailsAtTls(bool tls12Only)
    {
        var url = $"https://localhost:{(tls12Only ? servers.ApacheMutualTls12Port : servers.ApacheMutualTlsPort)}/";

        var run = await HttpRun.RunAsync($"- type: https\n  url: '{url}'\n", servers.CaDirectory);

        StageAssert.Failed(FailureStage.Tls, run.Result($"http:{url}:"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_HttpsWithCertificateOfAnotherCa_FailsAtTls(bool tls12Only)
    {
        var url = $"https://localhost:{(tls12Only ? servers.ApacheMutualTls12Port : servers.ApacheMutualTlsPort)}/";

        var run = await HttpRun.RunAsync($"- type: https\n  url: '{url}'\n{Client(servers.OtherClientCert, servers.OtherClientKey)}\n", servers.CaDirectory);

        StageAssert.Failed(FailureStage.Tls, run.Result($"http:{url}:"));
    }

    private static string Client(string cert, string key) => $"  client_cert: '{cert}'\n  client_key: '{key}'";

    private async Task<CheckResult> TlsAsync(int port, string client) =>
        Assert.Single(await CheckHarness.RunAsync($"- type: tls\n  host: localhost\n  port: {port}\n{client}\n", caDirectory: servers.CaDirectory));
}
