namespace ConnCheck.Generation.Internal;

/// <summary>A generated file and the environment variables its <c>${NAME}</c> references need, in order of first use.</summary>
internal sealed record GeneratedYaml(string Text, IReadOnlyList<string> Variables);
