namespace ConnCheck.Services.Sql;

/// <summary>The whole-second timeouts database drivers take, from the time the check has left.</summary>
internal static class DriverTimeout
{
    // The check's token must fire first, so that the result says "timed out after N s" like every other
    // check's; a driver timeout falling at the same instant would race it on a loaded machine.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// <paramref name="remaining"/> plus a margin, rounded up, at most <paramref name="max"/> (null, outside a
    /// check: <paramref name="max"/>). Npgsql and MySqlConnector take the cancellation token only while
    /// connecting the socket, not while they wait for the server's replies, so their own timeouts are what
    /// end a login to a server that accepts and then says nothing: the runner reports the timeout at the
    /// token, and the driver lets go of the connection within 1.5 s after it.
    /// </summary>
    public static int Seconds(TimeSpan? remaining, int max) =>
        remaining is { } left ? (int)Math.Clamp(Math.Ceiling((left + Margin).TotalSeconds), 1, max) : max;
}
