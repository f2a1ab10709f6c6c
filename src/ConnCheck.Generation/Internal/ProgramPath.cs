namespace ConnCheck.Generation.Internal;

/// <summary>
/// Finds the program to run as a shell would, but never in the working directory. .NET's own lookup
/// tries the working directory (and the running program's) before PATH, so a <c>python3</c> left in a
/// checkout or in <c>/tmp</c> would run instead of the system's.
/// </summary>
internal static class ProgramPath
{
    /// <summary>
    /// <paramref name="program"/> as an absolute path: as given when it names a path (has a <c>/</c>),
    /// else the first executable file of that name in a directory of <paramref name="path"/> (a
    /// <c>PATH</c> value). Empty entries, <c>.</c> and other relative ones stand for the working
    /// directory and are skipped. Null when there is none.
    /// </summary>
    public static string? Find(string program, string? path)
    {
        if (program.Contains('/'))
        {
            return Path.GetFullPath(program);
        }

        foreach (var directory in (path ?? "").Split(':'))
        {
            if (!Path.IsPathRooted(directory))
            {
                continue;
            }

            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // As execvp(3) does, a file nobody may execute is passed over; execute permission for this user is left to exec.
    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
