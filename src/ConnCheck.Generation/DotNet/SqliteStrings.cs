namespace ConnCheck.Generation.DotNet;

/// <summary>
/// SQLite connection strings (<c>Data Source=app.db</c>, as the ASP.NET templates write them): a file, not a
/// server, so nothing to check; MySqlConnector would read <c>Data Source</c> as a server name.
/// </summary>
internal static class SqliteStrings
{
    private static readonly string[] FileExtensions = [".db", ".db3", ".sqlite", ".sqlite3"];

    /// <summary>Whether <paramref name="keywords"/> name a SQLite database file or an in-memory one.</summary>
    public static bool Is(Keywords keywords)
    {
        if (keywords.Has("Host") || keywords.Has("Server") || keywords.Has("Port"))
        {
            return false;
        }

        var file = keywords.ValueOf("Data Source", "DataSource", "Filename")?.Trim() ?? "";
        return file == ":memory:"
            || string.Equals(keywords.ValueOf("Mode"), "Memory", StringComparison.OrdinalIgnoreCase)
            || FileExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }
}
