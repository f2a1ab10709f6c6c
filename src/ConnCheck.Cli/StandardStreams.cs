using System.Runtime.InteropServices;
using System.Text;

namespace ConnCheck.Cli;

/// <summary>
/// Whether the process was started with a standard stream open, asked before Console opens it. With the
/// stream closed its number is free, and the runtime may take it for a file or pipe of its own: Console
/// would then write there. What the process inherited has no close-on-exec flag; everything .NET opens has.
/// </summary>
internal static class StandardStreams
{
    public const int Output = 1;
    public const int Error = 2;

    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int CloseOnExec = 1; // FD_CLOEXEC

    public static bool IsOpen(int descriptor)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            var flags = GetFlags(descriptor, GetDescriptorFlags);
            return flags >= 0 && (flags & CloseOnExec) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No fcntl to ask: as before, Console finds out.
            return true;
        }
    }

    /// <summary>
    /// Standard error as <see cref="Console.Error"/> is, synchronized and flushed at every write, but in UTF-8
    /// as standard output is: <see cref="Console.Error"/> first looks up the locale's character set among every
    /// encoding's names, about half a millisecond of each start, and messages are UTF-8 wherever they go.
    /// </summary>
    public static TextWriter OpenError() =>
        TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true });

    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int GetFlags(int descriptor, int command);
}
