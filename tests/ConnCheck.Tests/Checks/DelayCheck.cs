using ConnCheck.Checks;
using ConnCheck.Configuration;

namespace ConnCheck.Tests.Checks;

/// <summary>A check whose subchecks (<c>step1</c>, <c>step2</c>, ...) each wait a given time on the run's clock.</summary>
internal sealed record DelayCheck(TimeSpan? Timeout, params TimeSpan[] Steps)
    : CheckDefinition(new CheckCommon("delay", [], Timeout, new SourcePosition("test.yaml", 1, 1)))
{
    public override IReadOnlyList<Subcheck> Plan() =>
        [.. Steps.Select((delay, i) => new Subcheck($"step{i + 1}", null, (context, cancellationToken) => Task.Delay(delay, context.Time, cancellationToken)))];
}
