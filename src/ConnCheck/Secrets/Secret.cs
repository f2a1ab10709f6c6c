namespace ConnCheck.Secrets;

/// <summary>
/// The value of a secret option (SPEC C2): registered for masking when it is read, and printed as
/// <c>***</c> wherever it ends up by accident (a record's ToString, an interpolated string). Only the
/// code that hands it to a peer asks for <see cref="Reveal"/>.
/// </summary>
internal sealed class Secret(string value) : IEquatable<Secret>
{
    public static Secret Empty { get; } = new("");

    public bool IsEmpty => value.Length == 0;

    /// <summary>The value itself, for the one place that sends it.</summary>
    public string Reveal() => value;

    public override string ToString() => Redactor.Mask;

    // Two secrets are equal when their values are, so that records holding one compare as values.
    public bool Equals(Secret? other) => other is not null && string.Equals(value, other.Reveal(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Secret);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(value);
}
