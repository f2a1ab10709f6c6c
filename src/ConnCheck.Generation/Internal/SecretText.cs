using System.Text;

namespace ConnCheck.Generation.Internal;

/// <summary>
/// A string with secrets inside, such as a URL with a password and an API key in it:
/// <c>Texts[0] Secrets[0] Texts[1] ... Secrets[n-1] Texts[n]</c>, so there is always one text more
/// than there are secrets (texts may be empty).
/// </summary>
internal sealed class SecretText
{
    public SecretText(IReadOnlyList<string> texts, IReadOnlyList<SecretValue> secrets)
    {
        if (secrets.Count == 0 || texts.Count != secrets.Count + 1)
        {
            throw new ArgumentException($"{secrets.Count} secrets need {secrets.Count + 1} texts around them, not {texts.Count}", nameof(texts));
        }

        Texts = texts;
        Secrets = secrets;
    }

    /// <summary>The plain parts, one before each secret and one after the last.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>The secrets, at least one, in the order they appear.</summary>
    public IReadOnlyList<SecretValue> Secrets { get; }

    /// <summary>The whole string, secrets as their values.</summary>
    public string Plain => Join(s => s.Value);

    /// <summary>The texts, and each secret as <paramref name="secret"/> makes it (an escaped value, a reference).</summary>
    public string Join(Func<SecretValue, string> secret, Func<string, string>? text = null)
    {
        var joined = new StringBuilder();
        for (var i = 0; i < Secrets.Count; i++)
        {
            joined.Append(text is null ? Texts[i] : text(Texts[i])).Append(secret(Secrets[i]));
        }

        return joined.Append(text is null ? Texts[^1] : text(Texts[^1])).ToString();
    }

    /// <summary>The secrets as their references, never their values.</summary>
    public override string ToString() => Join(s => s.ToString());
}
