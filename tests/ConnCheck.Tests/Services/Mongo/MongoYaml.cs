namespace ConnCheck.Tests.Services.Mongo;

/// <summary>Configuration text for one mongodb check against a peer on 127.0.0.1.</summary>
internal static class MongoYaml
{
    /// <summary>A check on <paramref name="port"/> with <paramref name="options"/> (YAML lines, e.g. <c>"username: alice"</c>).</summary>
    public static string Check(int port, params string[] options) =>
        $"""
        - type: mongodb
          host: 127.0.0.1
          port: {port}
        {string.Concat(options.Select(option => $"  {option}\n"))}
        """;
}
