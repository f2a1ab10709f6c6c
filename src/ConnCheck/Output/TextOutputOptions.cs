namespace ConnCheck.Output;

/// <summary>How the text output looks.</summary>
/// <param name="Buffered">Hold results and print them ordered at the end (default) instead of as they come (-U).</param>
/// <param name="Verbose">Print <c>Starting NAME (INFO)...</c> as each subcheck starts (-v).</param>
/// <param name="ShowDuration">Print each result's duration (-d).</param>
/// <param name="Tracebacks">Print the full error under each failure (-t).</param>
internal sealed record TextOutputOptions(bool Buffered = true, bool Verbose = false, bool ShowDuration = false, bool Tracebacks = false);
