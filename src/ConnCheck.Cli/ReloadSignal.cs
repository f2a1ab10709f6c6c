using System.Runtime.InteropServices;
using ConnCheck.Serve;

namespace ConnCheck.Cli;

/// <summary>
/// While registered, SIGHUP asks serve to read its configuration again (SPEC C5), as daemons do
/// (<c>systemctl reload</c>, <c>kill -HUP</c>), instead of ending the process.
/// </summary>
internal static class ReloadSignal
{
    /// <summary>Turns SIGHUP into requests to <paramref name="reloads"/> until the registration is disposed; null where there is no SIGHUP.</summary>
    public static PosixSignalRegistration? Listen(ReloadRequests reloads)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                reloads.Request();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
