using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>
/// A process still running, its standard output read line by line as it comes, so that a test can act
/// at a given point of a run: send it a signal (Process.Kill only sends SIGKILL).
/// </summary>
internal sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<string> _errorLines = [];
    private readonly Task _stdout;
    private readonly Task _stderr;

    private RunningProcess(Process process)
    {
        _process = process;
        _clock = Stopwatch.StartNew();
        _stdout = ReadLinesAsync(process.StandardOutput, _lines);
        _stderr = ReadLinesAsync(process.StandardError, _errorLines);
    }

    public int Id => _process.Id;

    /// <summary>The lines of standard output so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The lines of standard error so far.</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _errorLines];
            }
        }
    }

    /// <summary>Starts conn-check with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, and <paramref name="environment"/> added to this process's; stdin is closed at once.</summary>
    public static RunningProcess Start(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(ConnCheckBinary.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start conn-check");
        process.StandardInput.Close();
        return new RunningProcess(process);
    }

    /// <summary>Waits until a line of standard output matches; fails the test after <paramref name="bound"/>.</summary>
    public Task WaitForLineAsync(Func<string, bool> matches, string what, TimeSpan bound) =>
        WaitForAsync(() => Lines, "standard output", matches, what, bound);

    /// <summary>
    /// Waits until a line of standard error matches; fails the test after <paramref name="bound"/>. Lines
    /// are read as they come: what the process did (a metric it serves) may be seen before what it wrote.
    /// </summary>
    public Task WaitForErrorLineAsync(Func<string, bool> matches, string what, TimeSpan bound) =>
        WaitForAsync(() => ErrorLines, "standard error", matches, what, bound);

    private async Task WaitForAsync(Func<IReadOnlyList<string>> lines, string stream, Func<string, bool> matches, string what, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (!lines().Any(matches))
        {
            if (watch.Elapsed > bound || _process.HasExited)
            {
                Assert.Fail($"no line of {stream} showed that {what} within {bound.TotalSeconds} s; so far:\n{string.Join("\n", lines())}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to the process, as <c>kill</c> does but without starting a process for it,
    /// which on a loaded machine may take longer than what is measured; unless <paramref name="mayBeGone"/>,
    /// the process must still be there to receive it.
    /// </summary>
    public void Signal(PosixSignal signal, bool mayBeGone = false)
    {
        var number = signal switch
        {
            PosixSignal.SIGHUP => 1,
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGTERM => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
        };
        if (Kill(_process.Id, number) != 0 && !mayBeGone)
        {
            Assert.Fail($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the end of the process, killing it after <paramref name="killAfter"/>.</summary>
    public async Task<ProcessResult> WaitForExitAsync(TimeSpan killAfter)
    {
        var killed = await ProcessExit.WaitAsync(_process, killAfter);

        var elapsed = _clock.Elapsed;
        await _stdout;
        await _stderr;
        var stdout = string.Concat(Lines.Select(line => line + "\n"));
        var stderr = string.Concat(ErrorLines.Select(line => line + "\n"));
        return new ProcessResult(_process.ExitCode, stdout, stderr, elapsed, killed);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private async Task ReadLinesAsync(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                lines.Add(line);
            }
        }
    }
}
