using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Configuration;
using ConnCheck.Net;
using ConnCheck.Running;
using ConnCheck.Services;

namespace ConnCheck.Tests.Checks;

/// <summary>Runs configuration text the way the command does: load, plan, run through the real runner.</summary>
internal static class CheckHarness
{
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(
        string yaml,
        IHostResolver? resolver = null,
        string? caDirectory = null,
        RunOptions? options = null,
        Selection? selection = null)
    {
        // The full table, as the command uses: the service checks run through here too.
        var checks = ConfigurationLoader.Load(yaml, "test.yaml", types: ServiceCheckTypes.Table).Checks;
        var collector = new ResultCollector();
        var runner = new CheckRunner(new CheckContext(resolver ?? SystemHostResolver.Instance, new TlsTrust(caDirectory), TimeProvider.System));
        await runner.RunAsync((selection ?? Selection.All).Apply(checks), options ?? new RunOptions(), collector);
        return collector.Results;
    }

    /// <summary>Runs configuration text that yields exactly one result and returns it.</summary>
    public static async Task<CheckResult> RunOneAsync(string yaml, IHostResolver? resolver = null, string? caDirectory = null) =>
        Assert.Single(await RunAsync(yaml, resolver, caDirectory));

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> passes: servers count a connection a moment after the client sees it.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
