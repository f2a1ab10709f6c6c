using ConnCheck.Checks;
using ConnCheck.Configuration;

namespace ConnCheck.Tests.Running;

/// <summary>A check whose subchecks are whatever the test hands it.</summary>
internal sealed record TestCheck(CheckCommon Common, IReadOnlyList<Subcheck> Subchecks) : CheckDefinition(Common)
{
    public override IReadOnlyList<Subcheck> Plan() => Subchecks;

    public static TestCheck Of(params Subcheck[] subchecks) => With(null, [], subchecks);

    public static TestCheck With(TimeSpan? timeout, IReadOnlyList<string> tags, params Subcheck[] subchecks) =>
        new(new CheckCommon("test", tags, timeout, new SourcePosition("checks.yaml", 1, 1)), subchecks);
}
