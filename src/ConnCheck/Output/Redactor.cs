namespace ConnCheck.Output;

/// <summary>
/// Masks secrets (values from the environment, passwords) in any text about to be printed. Values
/// shorter than <see cref="MinLength"/> are left alone: masking every "1" would destroy the output
/// and hide nothing.
/// </summary>
internal sealed class Redactor
{
    public const int MinLength = 3;
    public const string Mask = "***";

    private readonly string[] _secrets;

    public Redactor(IEnumerable<string> secrets) =>
        _secrets = secrets.Where(s => s.Length >= MinLength).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();

    public static Redactor None { get; } = new([]);

    /// <summary>Whether there is nothing to mask: then text passes through as it is.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
