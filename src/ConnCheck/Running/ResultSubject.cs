namespace ConnCheck.Running;

/// <summary>What a result is about, beyond its name: what the structured formats carry (SPEC C1).</summary>
/// <param name="Type">The check's type, aliases resolved (<c>http</c> for all the results of an http check).</param>
/// <param name="Label">The check's <c>name</c> option, or null.</param>
/// <param name="Tags">The check's tags.</param>
/// <param name="Line">The line of the configuration file where the check starts.</param>
/// <param name="Host">The host the subcheck talks to (brackets removed), or null.</param>
/// <param name="Port">Its port, or null.</param>
/// <param name="Timeout">The check's timeout.</param>
/// <param name="Sequence">The result's place in the file: checks in file order, then their subchecks in order.</param>
internal sealed record ResultSubject(string Type, string? Label, IReadOnlyList<string> Tags, int Line, string? Host, int? Port, TimeSpan Timeout, int Sequence);
