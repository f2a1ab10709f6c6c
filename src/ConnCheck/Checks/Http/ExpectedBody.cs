using System.Text.RegularExpressions;
using ConnCheck.Configuration;

namespace ConnCheck.Checks.Http;

/// <summary>
/// <c>expected_body</c> (text the body must contain) or <c>expected_body_regex</c> (a .NET regular
/// expression the body must match), checked against the first <see cref="ResponseBody.MaxBytes"/>
/// of the body.
/// </summary>
/// <param name="Text">The substring or the pattern, as written (after <c>${VAR}</c> expansion).</param>
/// <param name="Regex">Null for a substring; for a pattern, the options it was validated with.</param>
internal sealed record ExpectedBody(string Text, RegexOptions? Regex)
{
    /// <summary>How many characters of a body that did not match the message shows.</summary>
    public const int Shown = 100;

    private const RegexOptions Invariant = RegexOptions.CultureInvariant;

    // A regex never outlives the check; outside a check (no deadline) it still ends.
    private static readonly TimeSpan MinMatchTimeout = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxMatchTimeout = TimeSpan.FromHours(1);

    public static ExpectedBody? Parse(OptionReader options)
    {
        var text = options.String("expected_body");
        var pattern = options.String("expected_body_regex");
        if (text is not null && pattern is not null)
        {
            // Both would be two conditions in one check: a pattern can hold the text too.
            options.Error("expected_body_regex", "expected_body and expected_body_regex exclude each other: give one (a regex can require the text as well)");
            return null;
        }

        if (text is not null)
        {
            if (text.Length == 0)
            {
                options.Error("expected_body", "expected_body must not be empty: every body contains the empty text");
                return null;
            }

            return new ExpectedBody(text, null);
        }

        if (pattern is null)
        {
            return null;
        }

        if (pattern.Length == 0)
        {
            options.Error("expected_body_regex", "expected_body_regex must not be empty: every body matches the empty pattern");
            return null;
        }

        return RegexOptionsFor(pattern, out var problem) is { } regexOptions
            ? new ExpectedBody(pattern, regexOptions)
            : Invalid(options, problem);
    }

    /// <summary>
    /// Null when <paramref name="body"/> (the first <see cref="ResponseBody.MaxBytes"/>) satisfies it;
    /// else why not. A regex match is bounded by <paramref name="remaining"/>, the check's time left.
    /// </summary>
    public string? Mismatch(string body, bool truncated, TimeSpan? remaining)
    {
        var within = truncated ? " in the first 1 MiB" : "";
        if (Regex is not { } regexOptions)
        {
            return body.Contains(Text, StringComparison.Ordinal) ? null : $"does not contain {Printable.Quote(Text)}{within}";
        }

        var timeout = TimeSpan.FromTicks(Math.Clamp((remaining ?? MaxMatchTimeout).Ticks, MinMatchTimeout.Ticks, MaxMatchTimeout.Ticks));
        try
        {
            return new Regex(Text, regexOptions, timeout).IsMatch(body) ? null : $"does not match expected_body_regex {Printable.Quote(Text)}{within}";
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new CheckFailedException(FailureStage.Timeout, $"expected_body_regex {Printable.Quote(Text)} did not finish matching within the check's timeout", e);
        }
    }

    // Linear-time matching (NonBacktracking) for every pattern it accepts, which no body can make slow;
    // backreferences, lookarounds and atomic groups need the backtracking engine, bounded by the timeout.
    private static RegexOptions? RegexOptionsFor(string pattern, out string problem)
    {
        problem = "";
        try
        {
            _ = new Regex(pattern, Invariant | RegexOptions.NonBacktracking);
            return Invariant | RegexOptions.NonBacktracking;
        }
        catch (NotSupportedException)
        {
            // Valid for the backtracking engine, perhaps: tried below.
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return null;
        }

        try
        {
            _ = new Regex(pattern, Invariant);
            return Invariant;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static ExpectedBody? Invalid(OptionReader options, string problem)
    {
        options.Error("expected_body_regex", $"expected_body_regex is not a valid regular expression: {problem}");
        return null;
    }
}
