namespace ConnCheck.Running;

/// <summary>Where a wait stands after a round of checks that did not all pass.</summary>
/// <param name="Failing">How many checks still fail.</param>
/// <param name="Checks">How many checks the wait is about.</param>
/// <param name="FailingNames">The first result name that failed in each failing check, in file order.</param>
/// <param name="Reason">The first failure's message (not yet redacted), or null.</param>
/// <param name="NextRound">How long until the failing checks are rerun.</param>
/// <param name="Left">How long until the wait gives up.</param>
internal sealed record WaitProgress(int Failing, int Checks, IReadOnlyList<string> FailingNames, string? Reason, TimeSpan NextRound, TimeSpan Left);
