using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConnCheck.Generation.Internal;

/// <summary>
/// Writes generated checks as a conn-check file, through YamlDotNet's emitter event by event (no
/// reflection, so Native AOT is fine). Strings a YAML reader could take for something else
/// (<c>5432</c>, <c>yes</c>, <c>~</c>) are quoted, so every value loads back as the type it was given;
/// <c>$</c> is escaped where conn-check would expand it; secrets are written as their value or as
/// <c>${NAME}</c>, and so, with references, are the secret parts of URLs (SPEC C2). A blank line
/// separates the checks, as in the manual.
/// </summary>
internal static partial class CheckYamlWriter
{
    public static GeneratedYaml Write(IReadOnlyList<GeneratedCheck> checks, bool secretsAsEnvironment)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        var variables = new Variables();
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new SequenceStart(null, null, isImplicit: true, checks.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
        foreach (var check in checks)
        {
            emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
            Key(emitter, "type");
            String(emitter, check.Type);
            foreach (var (name, value) in check)
            {
                Key(emitter, name);
                Value(emitter, secretsAsEnvironment ? WithUrlSecrets(check.Type, name, value) : value, secretsAsEnvironment, variables);
            }

            emitter.Emit(new MappingEnd());
        }

        emitter.Emit(new SequenceEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());

        // Every check starts a top-level "- " line: a blank line before each but the first.
        var lines = text.ToString().Split('\n');
        var output = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0 && lines[i].StartsWith("- ", StringComparison.Ordinal))
            {
                output.Append('\n');
            }

            output.Append(lines[i]);
            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        return new GeneratedYaml(output.ToString(), variables.Names);
    }

    /// <summary>
    /// <paramref name="value"/> as conn-check reads it back: <c>$</c> doubled where it starts <c>${</c>
    /// or <c>$$</c>, the only places conn-check's expansion would change it.
    /// </summary>
    internal static string Escape(string value)
    {
        if (!value.Contains('$'))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            escaped.Append(value[i]);
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] is '{' or '$')
            {
                escaped.Append('$');
            }
        }

        return escaped.ToString();
    }

    /// <summary>Whether a YAML 1.1 or 1.2 reader would take the plain scalar <paramref name="value"/> for anything but a string.</summary>
    internal static bool LooksLikeNonString(string value) => value.Length == 0 || NonString().IsMatch(value);

    private static void Value(Emitter emitter, object value, bool secretsAsEnvironment, Variables variables)
    {
        switch (value)
        {
            case string text:
                String(emitter, Escape(text));
                break;
            case int number:
                Plain(emitter, number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                var written = number.ToString("R", CultureInfo.InvariantCulture);
                Plain(emitter, written.Contains('.') || written.Contains('E') ? written : written + ".0");
                break;
            case bool flag:
                Plain(emitter, flag ? "true" : "false");
                break;
            case string[] items:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Flow));
                foreach (var item in items)
                {
                    String(emitter, Escape(item));
                }

                emitter.Emit(new SequenceEnd());
                break;
            case KeyValuePair<string, string>[] entries:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (key, item) in entries)
                {
                    String(emitter, Escape(key));
                    String(emitter, Escape(item));
                }

                emitter.Emit(new MappingEnd());
                break;
            case SecretValue secret:
                String(emitter, secretsAsEnvironment ? variables.Reference(secret) : Escape(secret.Value));
                break;
            case SecretText inText:
                String(emitter, secretsAsEnvironment ? inText.Join(variables.Reference, Escape) : Escape(inText.Plain));
                break;
            default:
                throw new InvalidOperationException($"cannot write a {value.GetType().Name} option value");
        }
    }

    /// <summary>
    /// A URL a check maker gave as a plain string (<c>url</c>, <c>proxy_url</c>) with its secrets found, as
    /// the built-in makers' are: the password, a token user name, secret query parameters, named after the
    /// check type and option (<c>HTTP_URL_KEY</c>).
    /// </summary>
    private static object WithUrlSecrets(string type, string option, object value) =>
        value is string url && option is "url" or "proxy_url" && UrlSecrets.Find(url, [type, option]) is { } secrets ? secrets : value;

    private static void Key(Emitter emitter, string name) => String(emitter, name);

    /// <summary>Plain where a reader takes it for a string, else single-quoted (the emitter itself quotes what plain cannot hold).</summary>
    private static void String(Emitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, LooksLikeNonString(value) ? ScalarStyle.SingleQuoted : ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true));

    private static void Plain(Emitter emitter, string value) =>
        emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    // null, booleans (YAML 1.1's too), integers and floats in every base and form either version reads
    // (1_000, 0x1F, 0o17, 017, 0b101, base 60 12:30), .inf and .nan, dates, and 1.1's '=' and '<<'.
    [GeneratedRegex("""
        ^(
          ~|null|Null|NULL
        | (?i:y|n|yes|no|true|false|on|off)
        | [-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*|[0-9][0-9_]*(:[0-5]?[0-9])+)
        | [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?
        | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
        | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
        | [-+]?\.(inf|Inf|INF)
        | \.(nan|NaN|NAN)
        | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*
        | =|<<
        )$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex NonString();

    /// <summary>The variables a file with references needs; one name per distinct secret.</summary>
    private sealed class Variables
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public List<string> Names { get; } = [];

        public string Reference(SecretValue secret)
        {
            var name = secret.VariableName;
            for (var suffix = 2; _values.TryGetValue(name, out var taken) && taken != secret.Value; suffix++)
            {
                // Two settings whose keys map to one name but whose secrets differ.
                name = $"{secret.VariableName}_{suffix}";
            }

            if (_values.TryAdd(name, secret.Value))
            {
                Names.Add(name);
            }

            return $"${{{name}}}";
        }
    }
}
