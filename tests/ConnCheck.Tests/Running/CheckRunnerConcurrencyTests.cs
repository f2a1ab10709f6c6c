using ConnCheck.Checks;
using ConnCheck.Running;
using Microsoft.Extensions.Time.Testing;

namespace ConnCheck.Tests.Running;

public sealed class CheckRunnerConcurrencyTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly Probe _probe = new();

    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 10)]
    [InlineData(5, 5)]
    public async Task RunAsync_MaxConcurrency_CapsTheChecksInFlight(int maxConcurrency, int checkCount)
    {
        var gates = Enumerable.Range(0, checkCount).ToDictionary(i => $"c{i}:1", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var checks = gates.Select(g => TestCheck.Of(Held(g.Key, g.Value.Task))).ToArray();

        var run = TestRunner.Create(_time).RunAsync(checks, new RunOptions { MaxConcurrency = maxConcurrency }, _observer);

        var released = 0;
        while (released < checkCount)
        {
            var expected = Math.Min(released + maxConcurrency, checkCount);
            await Eventually.HoldsAsync(() => _probe.Entered.Count >= expected, $"{expected} checks have started");
            Assert.Equal(expected, _probe.Entered.Count);
            Assert.Equal(expected - released, _probe.InFlight);

            // Release the oldest one still held; the runner may then admit exactly one more.
            gates[_probe.Entered[released]].SetResult();
            released++;
            await Eventually.HoldsAsync(() => _probe.Exited.Count == released, $"{released} checks have ended");
        }

        await Eventually.CompletesAsync(run, "the run");
        Assert.Equal(Math.Min(maxConcurrency, checkCount), _probe.Peak);
        Assert.All(_observer.Results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        Assert.Equal(checkCount, _observer.Results.Count);
    }

    [Fact]
    public async Task RunAsync_ByDefault_RunsChecksInParallel()
    {
        const int count = 20;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checks = Enumerable.Range(0, count).Select(i => TestCheck.Of(Held($"c{i}:1", gate.Task))).ToArray();

        var run = TestRunner.Create(_time).RunAsync(checks, new RunOptions(), _observer);
        await Eventually.HoldsAsync(() => _probe.Entered.Count == count, "every check has started");
        gate.SetResult();
        await Eventually.CompletesAsync(run, "the run");

        Assert.Equal(count, _probe.Peak);
    }

    [Fact]
    public async Task RunAsync_MaxConcurrencyOne_RunsSubchecksOfACheckBeforeTheNextCheck()
    {
        var ran = new List<string>();
        var checks = new[]
        {
            TestCheck.Of(TestRunner.Ok("a:1", ran), TestRunner.Ok("a:2", ran)),
            TestCheck.Of(TestRunner.Ok("b:1", ran), TestRunner.Ok("b:2", ran)),
        };

        await Eventually.CompletesAsync(TestRunner.Create(_time).RunAsync(checks, new RunOptions { MaxConcurrency = 1 }, _observer), "the run");

        // With one slot a check holds it for all its subchecks, so the two never interleave.
        Assert.True(
            ran.SequenceEqual(["a:1", "a:2", "b:1", "b:2"]) || ran.SequenceEqual(["b:1", "b:2", "a:1", "a:2"]),
            string.Join(", ", ran));
    }

    [Fact]
    public async Task RunAsync_FailedCheck_GivesItsSlotBack()
    {
        var ran = new List<string>();
        var checks = Enumerable.Range(0, 4).Select(i => TestCheck.Of(TestRunner.Fails($"c{i}:1", ran, "refused"))).ToArray();

        await Eventually.CompletesAsync(TestRunner.Create(_time).RunAsync(checks, new RunOptions { MaxConcurrency = 1 }, _observer), "the run");

        Assert.Equal(4, ran.Count);
        Assert.All(_observer.Results, r => Assert.Equal(ResultStatus.Failed, r.Status));
    }

    private Subcheck Held(string name, Task release) => new(name, null, async (_, _) =>
    {
        _probe.Enter(name);
        await release;
        _probe.Exit(name);
    });
}
