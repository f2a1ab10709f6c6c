using System.Text;
using ConnCheck.Configuration.Yaml;
using YamlDotNet.Core;

namespace ConnCheck.Configuration;

/// <summary>Reading YAML files with every problem reported as a positioned <see cref="ConfigurationError"/>.</summary>
internal static class YamlSource
{
    /// <summary>The most of a file that is read: 50 MB holds over half a million checks.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    // What a device or pipe, whose size is not known, is read in.
    private const int ChunkBytes = 1024 * 1024;

    /// <summary>
    /// The text of <paramref name="path"/>, read whole (at most <see cref="MaxBytes"/>) before any of it is
    /// parsed; <paramref name="what"/> names the file in messages ("configuration file"). A pipe, such as
    /// <c>&lt;(generate)</c>, is read to its end; an endless device stops at the limit.
    /// </summary>
    public static TextReader Open(string path, string what)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            var bytes = ReadBounded(file, path, what);

            // As File.ReadAllText: UTF-8 unless a byte order mark says otherwise.
            return new StreamReader(new MemoryStream(bytes.Array!, 0, bytes.Count, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a directory",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new ConfigurationException([new(new SourcePosition(path, 1, 1), $"cannot read {what}: {reason}")], e);
        }
    }

    /// <summary>An empty value: nothing, <c>~</c> or <c>null</c>, unquoted.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    private static ArraySegment<byte> ReadBounded(FileStream file, string path, string what)
    {
        // A regular file says its size, and one too large is refused unread; it is read into one buffer
        // of that size. Devices and pipes say 0 (or cannot seek): they are read in chunks until they end
        // or pass the limit, so that /dev/zero costs the limit and no more.
        var size = file.CanSeek ? file.Length : 0;
        if (size > MaxBytes)
        {
            throw TooLarge(path, what);
        }

        var chunks = new List<byte[]>();
        var total = 0L;
        int last;
        while (true)
        {
            var chunk = new byte[size > 0 && chunks.Count == 0 ? size + 1 : ChunkBytes];
            last = ReadFully(file, chunk);
            total += last;
            if (total > MaxBytes)
            {
                throw TooLarge(path, what);
            }

            chunks.Add(chunk);
            if (last < chunk.Length)
            {
                break;
            }
        }

        if (chunks.Count == 1)
        {
            return new ArraySegment<byte>(chunks[0], 0, last);
        }

        var bytes = new byte[total];
        var at = 0;
        foreach (var chunk in chunks)
        {
            var length = Math.Min(chunk.Length, (int)total - at);
            chunk.AsSpan(0, length).CopyTo(bytes.AsSpan(at));
            at += length;
        }

        return new ArraySegment<byte>(bytes);
    }

    // Fills the buffer unless the file ends first: a pipe returns what its writer has written so far.
    private static int ReadFully(FileStream file, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = file.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static ConfigurationException TooLarge(string path, string what) =>
        new([new(new SourcePosition(path, 1, 1), $"cannot read {what}: it is larger than {MaxBytes / (1024 * 1024)} MiB, the most conn-check reads")]);
}
