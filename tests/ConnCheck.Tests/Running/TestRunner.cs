using ConnCheck.Checks;
using ConnCheck.Checks.Tls;
using ConnCheck.Net;
using ConnCheck.Running;

namespace ConnCheck.Tests.Running;

/// <summary>Builds runners and subchecks for the runner tests; nothing here touches the network.</summary>
internal static class TestRunner
{
    public static CheckRunner Create(TimeProvider time) =>
        new(new CheckContext(SystemHostResolver.Instance, new TlsTrust(null), time));

    /// <summary>A subcheck that notes it ran, in <paramref name="ran"/>, and succeeds.</summary>
    public static Subcheck Ok(string name, List<string> ran) => new(name, $"info of {name}", (_, _) =>
    {
        lock (ran)
        {
            ran.Add(name);
        }

        return Task.CompletedTask;
    });

    /// <summary>A subcheck that notes it ran and fails with <paramref name="message"/>.</summary>
    public static Subcheck Fails(string name, List<string> ran, string message) => new(name, $"info of {name}", async (_, _) =>
    {
        lock (ran)
        {
            ran.Add(name);
        }

        await Task.Yield();
        throw new CheckFailedException(FailureStage.Connect, message);
    });

    /// <summary>A subcheck that waits on the fake clock for <paramref name="duration"/>, honouring its token.</summary>
    public static Subcheck Takes(string name, TimeSpan duration, TimeProvider time, Probe probe) => new(name, null, async (_, cancellationToken) =>
    {
        var delay = Task.Delay(duration, time, cancellationToken);
        probe.Enter(name);
        try
        {
            await delay;
        }
        finally
        {
            probe.Exit(name);
        }
    });

    /// <summary>A subcheck that waits until cancelled.</summary>
    public static Subcheck UntilCancelled(string name, Probe probe) => new(name, null, async (_, cancellationToken) =>
    {
        probe.Enter(name);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        finally
        {
            probe.Exit(name);
        }
    });

    /// <summary>A subcheck that ignores its token and ends only when <paramref name="release"/> does.</summary>
    public static Subcheck IgnoresToken(string name, Probe probe, Task release) => new(name, null, async (_, _) =>
    {
        probe.Enter(name);
        try
        {
            await release;
        }
        finally
        {
            probe.Exit(name);
        }
    });
}
