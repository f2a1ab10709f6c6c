using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Secrets;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>One run of configuration text through the real loader and runner, as the command runs it.</summary>
internal sealed record HttpRun(LoadedConfiguration Configuration, IReadOnlyList<CheckResult> Results)
{
    /// <summary>
    /// Loads <paramref name="yaml"/> and runs it; <paramref name="caDirectory"/> is --tls-certs-path.
    /// <paramref name="output"/>, when given, makes an observer (an output) for the loaded configuration that sees every result too.
    /// </summary>
    public static async Task<HttpRun> RunAsync(string yaml, string? caDirectory, Func<LoadedConfiguration, IResultObserver>? output = null)
    {
        var configuration = ConfigurationLoader.Load(yaml, "test.yaml");
        var observer = new CollectingObserver(output?.Invoke(configuration));
        // With the configuration's secrets, as the command runs checks: what a check shortens of a peer's answer is masked first.
        var runner = new CheckRunner(new CheckContext(SystemHostResolver.Instance, new TlsTrust(caDirectory), TimeProvider.System)
        {
            Secrets = new Redactor(configuration.Secrets),
        });
        await runner.RunAsync(configuration.Checks, new RunOptions(), observer);
        return new HttpRun(configuration, observer.Results);
    }

    /// <summary>The result named <paramref name="name"/>; fails the test when there is not exactly one.</summary>
    public CheckResult Result(string name) =>
        Assert.Single(Results, r => r.Name == name);

    /// <summary>The tcp result and the request result of the one http check for <paramref name="url"/>, named as SPEC A4 says.</summary>
    public (CheckResult Tcp, CheckResult Request) Check(string url, string tcpHostPort)
    {
        Assert.Equal(2, Results.Count(r => r.Name.StartsWith($"http:{url}:", StringComparison.Ordinal)));
        return (Result($"http:{url}:tcp:{tcpHostPort}"), Result($"http:{url}:"));
    }
}
