#if CONN_CHECK_GENERATION
namespace ConnCheck.Generation.Internal;
#else
namespace ConnCheck.Output;
#endif

/// <summary>
/// A file written whole or not at all (SPEC C1): the text goes to a temporary file beside it, which
/// replaces the file by rename only when complete, so a reader — a node_exporter textfile collector,
/// a CI server — never sees half of it. The temporary file gets a name nobody can guess and is created
/// only if nothing is there, and rename replaces whatever the path names (a symlink itself, not its
/// target), so a link planted at either name cannot redirect the write. The generation library
/// (<c>configs -f</c>), which stands alone, compiles this same file into its own namespace.
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

    /// <summary>
    /// Creates the temporary file beside <paramref name="path"/>, with <paramref name="mode"/> (less the
    /// umask) when given; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.
    /// The file put in place has that mode whatever the file it replaces had.
    /// </summary>
    public static AtomicFile Create(string path, UnixFileMode? mode = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full) ?? ".";

        // A dot file, so that collectors reading *.prom or *.xml skip it.
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (mode is { } created && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = created;
        }

        var stream = new FileStream(temporary, options);
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
