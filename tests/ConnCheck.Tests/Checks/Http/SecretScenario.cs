namespace ConnCheck.Tests.Checks.Http;

/// <summary>Three http checks that carry one kind of credential, and what the output must never show.</summary>
/// <param name="Yaml">One check that succeeds, one that fails with <paramref name="Failure"/>, one that fails with an exception.</param>
/// <param name="Shown">The URL of each check as its result names must show it.</param>
/// <param name="Secrets">What must appear nowhere.</param>
/// <param name="Failure">The second check's message.</param>
/// <param name="ProveSent">Asserts, on the server side, that the first check really sent the credential.</param>
internal sealed record SecretScenario(string Yaml, string[] Shown, string[] Secrets, string Failure, Action ProveSent);
