using System.Net;
using ConnCheck.Checks;
using ConnCheck.Firewall;
using ConnCheck.Net;
using ConnCheck.Tests.Checks;

namespace ConnCheck.Tests.Firewall;

/// <summary>
/// convert-fw's lookups of a fleet's names: a DNS server that answers nothing costs one timeout, not one
/// per 32 names, and one that has answered is asked every name whatever it loses afterwards.
/// </summary>
public sealed class DestinationResolverTests
{
    private static readonly IReadOnlyList<EgressRule> HundredNames =
        Enumerable.Range(0, 100).Select(i => new EgressRule("app.example", $"svc-{i}.example", "tcp", [5432])).ToList();

    [Fact]
    public async Task ResolveAsync_ServerNeverAnswers_RestLeftOutUnasked()
    {
        var resolver = new FakeHostResolver(host => throw Unanswered(host));

        var resolution = await DestinationResolver.ResolveAsync(HundredNames, resolver, CancellationToken.None);

        Assert.Empty(resolution.Rules);
        Assert.Equal(100, resolution.Problems.Count);
        Assert.InRange(resolver.Asked.Count, 1, 32);
        Assert.Contains("DNS query for svc-0.example (A) to 127.0.0.1:9 failed: no answer; rules to svc-0.example left out", resolution.Problems);
        Assert.Contains("svc-99.example not looked up: the DNS server answered none of the questions before it; rules to svc-99.example left out", resolution.Problems);
    }

    [Fact]
    public async Task ResolveAsync_ServerAnsweredOnce_EveryNameAsked()
    {
        var resolver = new AnswersFirstThenLoses("svc-0.example");

        var resolution = await DestinationResolver.ResolveAsync(HundredNames, resolver, CancellationToken.None);

        Assert.Equal(100, resolver.Asked);
        Assert.Equal(["192.0.2.1/32"], resolution.Rules.Select(r => r.Destination.ToString()));
        Assert.Equal(99, resolution.Problems.Count);
        Assert.All(resolution.Problems, problem => Assert.Contains("failed: no answer", problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolveAsync_NoSuchNameAnswers_NotTakenForSilence()
    {
        var resolver = new FakeHostResolver(host => throw new CheckFailedException(FailureStage.Resolve, $"DNS resolution failed for {host}: NXDOMAIN from 127.0.0.1:53"));

        var resolution = await DestinationResolver.ResolveAsync(HundredNames, resolver, CancellationToken.None);

        Assert.Equal(100, resolver.Asked.Count);
        Assert.All(resolution.Problems, problem => Assert.Contains(": NXDOMAIN from", problem, StringComparison.Ordinal));
    }

    private static CheckFailedException Unanswered(string host) =>
        new(FailureStage.Resolve, $"DNS query for {host} (A) to 127.0.0.1:9 failed: no answer") { Unanswered = true };

    /// <summary>Answers one name; every other question goes unanswered, but only after that answer.</summary>
    private sealed class AnswersFirstThenLoses(string answered) : IHostResolver
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _asked;

        public int Asked => Volatile.Read(ref _asked);

        public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _asked);
            if (host == answered)
            {
                _first.TrySetResult();
                return [IPAddress.Parse("192.0.2.1")];
            }

            await _first.Task.WaitAsync(cancellationToken);
            throw Unanswered(host);
        }
    }
}
