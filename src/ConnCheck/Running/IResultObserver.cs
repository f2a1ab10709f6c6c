namespace ConnCheck.Running;

/// <summary>Receives results as the runner produces them. Called from many threads at once.</summary>
internal interface IResultObserver
{
    /// <summary>A subcheck is starting.</summary>
    void Started(string name, string? info);

    /// <summary>A subcheck of a check with a <c>name</c> option (<paramref name="label"/>, or null) is starting; -v shows the label.</summary>
    void Started(string name, string? info, string? label) => Started(name, info);

    /// <summary>A subcheck ended (or was skipped).</summary>
    void Completed(CheckResult result);
}
