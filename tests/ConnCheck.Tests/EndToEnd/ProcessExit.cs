using System.Diagnostics;

namespace ConnCheck.Tests.EndToEnd;

/// <summary>Waiting for a started process, bounded: a test never hangs on a process that does not end.</summary>
internal static class ProcessExit
{
    /// <summary>Waits for <paramref name="process"/> to exit, killing it (and its children) after <paramref name="killAfter"/>; true when it was killed.</summary>
    public static async Task<bool> WaitAsync(Process process, TimeSpan killAfter)
    {
        using var bound = new CancellationTokenSource(killAfter);
        try
        {
            await process.WaitForExitAsync(bound.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return true;
        }
    }
}
