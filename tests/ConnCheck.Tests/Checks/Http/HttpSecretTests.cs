using System.Text;
using ConnCheck.Running;
using ConnCheck.Secrets;
using ConnCheck.Tests.Output;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// No credential reaches the output (issue 3, point 4). For each kind of credential the same
/// configuration holds a check that succeeds, one that fails on the server's answer and one that
/// fails with an exception (TLS spoken to a plain-HTTP port, so -t prints a stack); everything goes
/// through TextOutput with -v, -d and -t and the Redactor the command builds.
/// </summary>
public sealed class HttpSecretTests(TestServers servers) : IClassFixture<TestServers>
{
    public static TheoryData<string> Kinds() =>
        ["auth password", "digest password", "proxy_url password", "url userinfo password", "cookie value", "Authorization header", "X-Api-Key header"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Output_EveryModeOfEveryCredential_NeverShowsTheSecret(string kind)
    {
        var scenario = Build(kind);
        var text = new StringWriter();
        TextPipeline? textOutput = null;

        // As the command sets it up for -v -d -t, with the Redactor of the loaded configuration.
        var run = await HttpRun.RunAsync(scenario.Yaml, servers.CaDirectory, configuration => textOutput = new TextPipeline(
            text, new TextOutputOptions(Buffered: true, Verbose: true, ShowDuration: true, Tracebacks: true), new Redactor(configuration.Secrets)));
        Assert.Equal(2, textOutput!.Finish());
        var output = text.ToString();

        // All three checks ran as intended, so the output has something to leak.
        Assert.Equal(6, run.Results.Count);
        Assert.Equal(ResultStatus.Ok, run.Result($"http:{scenario.Shown[0]}:").Status);
        Assert.Equal(ResultStatus.Failed, run.Result($"http:{scenario.Shown[1]}:").Status);
        Assert.Equal(scenario.Failure, run.Result($"http:{scenario.Shown[1]}:").Message);
        Assert.StartsWith("TLS handshake failed", run.Result($"http:{scenario.Shown[2]}:").Message, StringComparison.Ordinal);
        Assert.Contains("   at ", output, StringComparison.Ordinal);
        scenario.ProveSent();

        foreach (var secret in scenario.Secrets)
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);

            // Not only masked on the way out: the names, info texts and messages never held it.
            Assert.All(run.Results, r => Assert.DoesNotContain(secret, $"{r.Name} {r.Info} {r.Message}", StringComparison.Ordinal));
        }

        foreach (var shown in scenario.Shown)
        {
            Assert.Contains($"http:{shown}:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Names_UrlWithUserinfo_MaskOnlyThePassword()
    {
        var token = TestServers.NewToken();
        var password = $"pw-{token}";
        var url = $"http://{servers.BasicUser}:{password}@127.0.0.1:{servers.ApacheHttpPort}{servers.BasicPath(token)}";
        var shown = $"http://{servers.BasicUser}:***@127.0.0.1:{servers.ApacheHttpPort}{servers.BasicPath(token)}";

        var run = await HttpRun.RunAsync($"- type: http\n  url: '{url}'\n", null);

        Assert.Equal([$"http:{shown}:tcp:127.0.0.1:{servers.ApacheHttpPort}", $"http:{shown}:"], run.Results.Select(r => r.Name));
        Assert.Equal($"GET {shown}", run.Results[1].Info);
        Assert.Contains(password, run.Configuration.Secrets);
    }

    private SecretScenario Build(string kind)
    {
        var token = TestServers.NewToken();
        string Plain(string path) => servers.Http(path);
        var tlsToPlainPort = $"https://127.0.0.1:{servers.ApacheHttpPort}";
        var wrong = $"wrong-{token}";
        switch (kind)
        {
            case "auth password":
            {
                var password = servers.BasicPassword;
                string Check(string url, string pw) => $"- type: http\n  url: '{url}'\n  auth: ['{servers.BasicUser}', '{pw}']\n";
                string[] urls = [Plain(servers.BasicPath(token + "a")), Plain(servers.BasicPath(token + "b")), tlsToPlainPort + servers.BasicPath(token + "c")];
                return new SecretScenario(
                    Check(urls[0], password) + Check(urls[1], wrong) + Check(urls[2], password),
                    urls,
                    [password, wrong, Base64($"{servers.BasicUser}:{password}"), Base64($"{servers.BasicUser}:{wrong}")],
                    "Unexpected response code: 401",
                    () => Assert.Equal(servers.BasicUser, servers.RequestWith(token + "a").User));
            }

            case "digest password":
            {
                var password = servers.DigestPassword;
                string Check(string url, string pw) => $"- type: http\n  url: '{url}'\n  digest_auth: ['{servers.DigestUser}', '{pw}']\n";
                string[] urls = [Plain(servers.DigestPath(token + "a")), Plain(servers.DigestPath(token + "b")), tlsToPlainPort + servers.DigestPath(token + "c")];
                return new SecretScenario(
                    Check(urls[0], password) + Check(urls[1], wrong) + Check(urls[2], password),
                    urls,
                    [password, wrong],
                    "Unexpected response code: 401",
                    () => Assert.Equal(servers.DigestUser, servers.RequestWith(token + "a").User));
            }

            case "proxy_url password":
            {
                var password = servers.ProxyPassword;
                string Check(string url, string scheme, string pw) =>
                    $"- type: http\n  url: '{url}'\n  proxy_url: '{scheme}://{servers.ProxyUser}:{pw}@127.0.0.1:{servers.SquidAuthPort}'\n";
                string[] urls = [Plain(servers.RecordPath(token + "a")), Plain(servers.RecordPath(token + "b")), Plain(servers.RecordPath(token + "c"))];
                return new SecretScenario(
                    Check(urls[0], "http", password) + Check(urls[1], "http", wrong) + Check(urls[2], "https", password),
                    urls,
                    [password, wrong, Base64($"{servers.ProxyUser}:{password}"), Base64($"{servers.ProxyUser}:{wrong}")],
                    "Unexpected response code: 407",
                    () => Assert.Single(servers.RequestsWith(token + "a")));
            }

            case "url userinfo password":
            {
                var password = servers.BasicPassword;
                string Url(string origin, string pw, string suffix) => origin.Replace("://", $"://{servers.BasicUser}:{pw}@", StringComparison.Ordinal) + servers.BasicPath(token + suffix);
                string Shown(string origin, string suffix) => Url(origin, "***", suffix);
                string Check(string url) => $"- type: http\n  url: '{url}'\n";
                var origin = Plain("");
                return new SecretScenario(
                    Check(Url(origin, password, "a")) + Check(Url(origin, wrong, "b")) + Check(Url(tlsToPlainPort, password, "c")),
                    [Shown(origin, "a"), Shown(origin, "b"), Shown(tlsToPlainPort, "c")],
                    [password, wrong, Base64($"{servers.BasicUser}:{password}")],
                    "Unexpected response code: 401",
                    () => Assert.Equal(servers.BasicUser, servers.RequestWith(token + "a").User));
            }

            case "cookie value":
            {
                var value = $"cookie-{token}";
                string Check(string url) => $"- type: http\n  url: '{url}'\n  cookies: {{session: '{value}'}}\n";
                string[] urls = [Plain(servers.RecordPath(token + "a")), Plain(servers.RecordPath(token + "b") + "?status=500"), tlsToPlainPort + servers.RecordPath(token + "c")];
                return new SecretScenario(
                    Check(urls[0]) + Check(urls[1]) + Check(urls[2]),
                    urls,
                    [value],
                    "Unexpected response code: 500",
                    () => Assert.Equal($"session={value}", servers.RequestWith(token + "a").Header("Cookie")));
            }

            case "Authorization header":
            case "X-Api-Key header":
            {
                var header = kind.Split(' ')[0];
                var value = $"key-{token}";
                var sent = header == "Authorization" ? $"Bearer {value}" : value;
                string Check(string url) => $"- type: http\n  url: '{url}'\n  headers:\n    {header}: '{sent}'\n";
                string[] urls = [Plain(servers.RecordPath(token + "a")), Plain(servers.RecordPath(token + "b") + "?status=503"), tlsToPlainPort + servers.RecordPath(token + "c")];
                return new SecretScenario(
                    Check(urls[0]) + Check(urls[1]) + Check(urls[2]),
                    urls,
                    [value],
                    "Unexpected response code: 503",
                    () => Assert.Equal(sent, servers.RequestWith(token + "a").Header(header)));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
