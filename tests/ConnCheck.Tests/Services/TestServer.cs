namespace ConnCheck.Tests.Services;

/// <summary>
/// The real servers that <c>scripts/test-servers.sh start</c> runs on loopback. Each writes
/// <c>STATE/NAME/server.env</c> (KEY=VALUE lines: ports, users, passwords, paths) once it answers.
/// </summary>
internal static class TestServer
{
    public static string StateDirectory =>
        Environment.GetEnvironmentVariable("CONN_CHECK_TEST_STATE") is { Length: > 0 } state ? state : "/tmp/conn-check-test-servers";

    /// <summary>The settings of server <paramref name="name"/>; fails the test when that server is not running.</summary>
    public static IReadOnlyDictionary<string, string> Settings(string name)
    {
        var path = Path.Combine(StateDirectory, name, "server.env");
        if (!File.Exists(path))
        {
            Assert.Fail($"the {name} test server is not running ({path} is missing): run `bash scripts/test-servers.sh start`");
        }

        return File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);
    }
}
