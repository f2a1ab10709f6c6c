using System.Diagnostics;

namespace ConnCheck.Tests.Generation;

/// <summary>
/// The Python with Django that the Django tests run: <c>python3</c> from the PATH when it has Django,
/// else Debian's <c>/usr/bin/python3</c>, which <c>scripts/install-test-tools.sh</c> gives python3-django.
/// </summary>
internal static class TestPython
{
    private static readonly Lazy<string?> Found = new(() => new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(HasDjango));

    public static string Path => Found.Value ?? throw new InvalidOperationException(
        "no python3 with Django: run `bash scripts/install-test-tools.sh` (Debian's python3-django)");

    private static bool HasDjango(string python)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import django"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
