namespace ConnCheck.Tests.EndToEnd;

/// <summary>A directory of its own for one test's configuration files, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"conn-check-e2e-{Guid.NewGuid():N}")).FullName;

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in this directory; returns the name.</summary>
    public string Write(string name, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), text);
        return name;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
