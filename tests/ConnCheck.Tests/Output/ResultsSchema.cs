using System.Text.Json;
using ConnCheck.Tests.EndToEnd;
using Json.Schema;

namespace ConnCheck.Tests.Output;

/// <summary>The json format's shipped schema, applied by a real validator (JsonSchema.Net), formats included.</summary>
internal static class ResultsSchema
{
    public static string Path { get; } = System.IO.Path.Combine(ConnCheckBinary.RepoRoot, "schemas", "conn-check-results.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path)));

    /// <summary>Every problem the validator finds in <paramref name="json"/>; none when it is valid.</summary>
    public static IReadOnlyList<string> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        var problems = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return problems.Count > 0 ? problems : ["invalid"];
    }

    public static void AssertValid(string json)
    {
        var problems = Problems(json);
        Assert.True(problems.Count == 0, $"not valid against {Path}:\n{string.Join("\n", problems)}\n--- document\n{json}");
    }
}
