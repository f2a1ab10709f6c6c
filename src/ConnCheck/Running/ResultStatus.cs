namespace ConnCheck.Running;

/// <summary>How a subcheck ended.</summary>
internal enum ResultStatus
{
    Ok,
    Failed,
    Skipped,
}
