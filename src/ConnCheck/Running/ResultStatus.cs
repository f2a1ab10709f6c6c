namespace ConnCheck.Running;

/// <summary>How a subcheck ended, from best to worst but for <see cref="Skipped"/>, which never ran.</summary>
internal enum ResultStatus
{
    Ok,

    /// <summary>It worked, but something needs attention soon: a certificate close to expiry (C3).</summary>
    Warning,

    Failed,
    Skipped,
}
