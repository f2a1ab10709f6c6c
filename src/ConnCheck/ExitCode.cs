namespace ConnCheck;

/// <summary>
/// The exit status of every command: the Nagios plugin states, which 1.x's checks already used
/// (SPEC A5, A6, C1). A run exits with the worst state among its results.
/// </summary>
internal enum ExitCode
{
    /// <summary>Nothing failed (skips do not fail a run).</summary>
    Ok = 0,

    /// <summary>A result is WARNING and none failed (C3); export-fw: rules were left out.</summary>
    Warning = 1,

    /// <summary>A result failed.</summary>
    Critical = 2,

    /// <summary>A usage or configuration error: nothing was checked.</summary>
    Unknown = 3,
}
