using System.Text.Json;
using ConnCheck.Tests.Checks.Http;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>Mutual TLS through the published binary: the json format names the stage a refused client certificate fails at.</summary>
public sealed class MutualTlsFormatTests(TestServers servers) : IClassFixture<TestServers>, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_RightNoneAndOtherCaCertificates_OkThenTwoFailuresAtTlsInJson()
    {
        var config = _directory.Write("checks.yaml", $"""
            - type: tls
              host: localhost
              port: {servers.ApacheMutualTls12Port}
              client_cert: '{servers.ClientCert}'
              client_key: '{servers.ClientKeyEncrypted}'
              client_key_passphrase: '${"{"}PASSPHRASE{"}"}'
            - type: tls
              host: localhost
              port: {servers.ApacheMutualTls12Port}
            - type: https
              url: 'https://localhost:{servers.ApacheMutualTlsPort}/'
              client_cert: '{servers.OtherClientCert}'
              client_key: '{servers.OtherClientKey}'

            """);

        var result = await ConnCheckBinary.RunAsync(
            _directory.Path,
            ["--format", "json", "--tls-certs-path", servers.CaDirectory, config],
            new Dictionary<string, string> { ["PASSPHRASE"] = servers.ClientKeyPassphrase });

        using var document = JsonDocument.Parse(result.Stdout);
        var results = document.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (Name: r.GetProperty("name").GetString(), Status: r.GetProperty("status").GetString(), Stage: r.GetProperty("stage").GetString()))
            .ToList();
        var url = $"https://localhost:{servers.ApacheMutualTlsPort}/";
        Assert.Contains(($"tls:localhost:{servers.ApacheMutualTls12Port}", "ok", null), results);
        Assert.Contains(($"tls:localhost:{servers.ApacheMutualTls12Port}", "failed", "tls"), results);
        Assert.Contains(($"http:{url}:", "failed", "tls"), results);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain(servers.ClientKeyPassphrase, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }
}
