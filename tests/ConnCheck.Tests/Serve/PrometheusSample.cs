namespace ConnCheck.Tests.Serve;

/// <summary>One series of a Prometheus instant query: its labels and its value as Prometheus writes it ("1", "0").</summary>
internal sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, string Value)
{
    public override string ToString() =>
        $"{{{string.Join(",", Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value}";
}
