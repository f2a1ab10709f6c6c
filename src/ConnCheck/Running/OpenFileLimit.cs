using System.Runtime.InteropServices;

namespace ConnCheck.Running;

/// <summary>
/// The process's open-file limit. Every check in flight holds a socket, so the default concurrency
/// is derived from this limit, after raising the soft limit to the hard one.
/// </summary>
internal static partial class OpenFileLimit
{
    private const int RlimitNofileLinux = 7;
    private const long ReservedFiles = 64;
    private const long FilesPerCheck = 2;
    private const int MaxDefaultConcurrency = 4096;
    private const int FallbackConcurrency = 256;

    /// <summary>Raises the soft limit to the hard limit; returns the soft limit now in force, or null where unknown.</summary>
    public static long? Raise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            if (GetRlimit(RlimitNofileLinux, out var limit) != 0)
            {
                return null;
            }

            if (limit.Current < limit.Maximum)
            {
                var raised = limit with { Current = limit.Maximum };
                if (SetRlimit(RlimitNofileLinux, raised) == 0)
                {
                    limit = raised;
                }
            }

            return (long)Math.Min(limit.Current, long.MaxValue);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A concurrency that cannot run out of file descriptors under <paramref name="softLimit"/>.</summary>
    public static int DefaultConcurrency(long? softLimit) => softLimit is not { } limit
        ? FallbackConcurrency
        : (int)Math.Clamp((limit - ReservedFiles) / FilesPerCheck, 1, MaxDefaultConcurrency);

    [StructLayout(LayoutKind.Sequential)]
    private record struct RLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRlimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRlimit(int resource, in RLimit limit);
}
