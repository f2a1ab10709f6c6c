namespace ConnCheck.Generation.DotNet;

/// <summary>One entry of <c>ConnectionStrings</c>.</summary>
/// <param name="Name">Its key under ConnectionStrings.</param>
/// <param name="Text">The connection string.</param>
/// <param name="Provider">Its <c>NAME_ProviderName</c> entry, if any.</param>
/// <param name="What">How notes name it: <c>ConnectionStrings:NAME</c>.</param>
/// <param name="Key">The key path its secrets' variables are named after.</param>
internal sealed record ConnectionString(string Name, string Text, string? Provider, string What, IReadOnlyList<string> Key);
