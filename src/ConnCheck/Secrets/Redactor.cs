using System.Text;

#if CONN_CHECK_GENERATION
namespace ConnCheck.Generation.Internal;
#else
namespace ConnCheck.Secrets;
#endif

/// <summary>
/// Masks secrets in text about to be printed (SPEC C2). A secret is masked only where it stands as a
/// whole token, in any letter case: a password <c>postgres</c> leaves <c>postgres:db:5432</c> alone
/// (masking it there would change a name and, next to the unmasked name, reveal the password), and a
/// server that echoes the password in upper case is still masked. Values shorter than
/// <see cref="MinLength"/> are left alone: masking every "1" would destroy the output and hide nothing.
/// The generation library (<c>configs</c>), which stands alone, compiles this same file into its own
/// namespace for its notes.
/// </summary>
internal sealed class Redactor
{
    public const int MinLength = 3;
    public const string Mask = "***";

    private readonly string[] _secrets;

    public Redactor(IEnumerable<string> secrets)
        : this(secrets.Where(s => s.Length >= MinLength).SelectMany(s => new[] { s, AsLatin1(s) }).ToArray())
    {
    }

    // The forms to mask, as they are: each secret and its UTF-8 bytes read as Latin-1.
    private Redactor(string[] forms) =>
        _secrets = forms.Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(s => s.Length).ToArray();

    private Redactor() => _secrets = [];

    public static Redactor None { get; } = new();

    /// <summary>Whether there is nothing to mask: then text passes through as it is.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>Masks the secrets of both: what was secret once stays masked, such as the last configuration's after a reload.</summary>
    public Redactor With(Redactor other) =>
        other.IsEmpty ? this : IsEmpty ? other : new Redactor([.. _secrets, .. other._secrets]);

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = MaskWholeTokens(text, secret);
        }

        return text;
    }

    private static string MaskWholeTokens(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return text;
        }

        StringBuilder? masked = null;
        var copied = 0;
        while (at >= 0)
        {
            var end = at + secret.Length;
            if (StartsToken(text, at) && EndsToken(text, end))
            {
                masked ??= new StringBuilder(text.Length);
                masked.Append(text, copied, at - copied).Append(Mask);
                copied = end;
                at = end >= text.Length ? -1 : text.IndexOf(secret, end, StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                at = at + 1 >= text.Length ? -1 : text.IndexOf(secret, at + 1, StringComparison.OrdinalIgnoreCase);
            }
        }

        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
    }

    // A secret's UTF-8 bytes read one character per byte, as peers' raw replies are shown; the same
    // string for an ASCII secret.
    private static string AsLatin1(string secret) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(secret));

    // After a colon starts a token too: the password of "user:password" and "user:password@host".
    private static bool StartsToken(string text, int at) => at == 0 || IsSeparator(text[at - 1]) || text[at - 1] == ':';

    // A full stop, colon or exclamation mark ends the token only when a space or the end follows:
    // "password hunter2." masks, "postgres:db:5432" does not.
    private static bool EndsToken(string text, int end) =>
        end == text.Length
        || IsSeparator(text[end])
        || text[end] == '@'
        || (IsPunctuation(text[end]) && (end + 1 == text.Length || char.IsWhiteSpace(text[end + 1])));

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || "'\"`()[]{}<>,;=&?#|".Contains(c);

    private static bool IsPunctuation(char c) => c is '.' or ':' or '!';
}
