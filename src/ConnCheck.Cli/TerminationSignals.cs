using System.Runtime.InteropServices;
using ConnCheck.Running;

namespace ConnCheck.Cli;

/// <summary>
/// While registered, SIGTERM and SIGINT request an <see cref="Interruption"/> instead of ending the
/// process, so that a run ends as at --max-timeout: results printed, files written, exit 2 (SPEC C6).
/// A second signal keeps its default and ends the process at once, for whoever will not wait.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private TerminationSignals()
    {
    }

    /// <summary>Starts turning the signals into requests to <paramref name="interruption"/>, until disposed.</summary>
    public static TerminationSignals Listen(Interruption interruption)
    {
        var signals = new TerminationSignals();
        foreach (var (signal, name) in (ReadOnlySpan<(PosixSignal, string)>)[(PosixSignal.SIGTERM, "SIGTERM"), (PosixSignal.SIGINT, "SIGINT")])
        {
            try
            {
                signals._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    // Only the first: a second signal of either kind is left to end the process.
                    if (interruption.Request($"interrupted by {name}"))
                    {
                        context.Cancel = true;
                    }
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // A platform without the signal keeps its default.
            }
        }

        return signals;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
