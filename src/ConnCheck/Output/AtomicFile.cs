namespace ConnCheck.Output;

/// <summary>
/// A file written whole or not at all (SPEC C1): the text goes to a temporary file beside it, which
/// replaces the file by rename only when complete, so a reader — a node_exporter textfile collector,
/// a CI server — never sees half of it.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string _temporary;
    private bool _done;

    private AtomicFile(string path, string temporary, StreamWriter writer)
    {
        Path = path;
        _temporary = temporary;
        Writer = writer;
    }

    /// <summary>The file it replaces.</summary>
    public string Path { get; }

    /// <summary>Writes to the temporary file.</summary>
    public TextWriter Writer { get; }

    /// <summary>Creates the temporary file beside <paramref name="path"/>; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    public static AtomicFile Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full) ?? ".";

        // A dot file, so that collectors reading *.prom or *.xml skip it.
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
        return new AtomicFile(full, temporary, new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" });
    }

    /// <summary>Puts the complete file in place.</summary>
    public void Commit()
    {
        Writer.Flush();
        Writer.Dispose();
        File.Move(_temporary, Path, overwrite: true);
        _done = true;
    }

    /// <summary>Removes the temporary file unless committed.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        Writer.Dispose();
        File.Delete(_temporary);
    }
}
