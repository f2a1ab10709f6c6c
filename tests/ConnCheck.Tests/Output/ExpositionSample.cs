namespace ConnCheck.Tests.Output;

/// <summary>One sample line of a Prometheus text exposition, its label values unescaped.</summary>
internal sealed record ExpositionSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? this[string label] => Labels.GetValueOrDefault(label);
}
