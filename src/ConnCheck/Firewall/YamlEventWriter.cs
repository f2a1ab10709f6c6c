using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConnCheck.Firewall;

/// <summary>
/// Writes YAML through YamlDotNet's emitter, event by event: no reflection, so it works under
/// Native AOT, and every string that a YAML 1.1 or 1.2 reader could take for something else
/// (<c>no</c>, <c>1e3</c>, <c>12:30</c>, an IPv6 address) is quoted.
/// </summary>
internal sealed partial class YamlEventWriter
{
    private readonly Emitter _emitter;

    public YamlEventWriter(TextWriter output)
    {
        _emitter = new Emitter(output);
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart(null, null, isImplicit: true));
    }

    public YamlEventWriter Comment(string text)
    {
        _emitter.Emit(new YamlDotNet.Core.Events.Comment(text, isInline: false));
        return this;
    }

    public YamlEventWriter StartMapping(bool flow = false)
    {
        _emitter.Emit(new MappingStart(null, null, isImplicit: true, flow ? MappingStyle.Flow : MappingStyle.Block));
        return this;
    }

    public YamlEventWriter EndMapping()
    {
        _emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlEventWriter StartSequence(bool flow = false)
    {
        _emitter.Emit(new SequenceStart(null, null, isImplicit: true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
        return this;
    }

    public YamlEventWriter EndSequence()
    {
        _emitter.Emit(new SequenceEnd());
        return this;
    }

    /// <summary>A string, plain when every reader takes it for a string, else double-quoted.</summary>
    public YamlEventWriter String(string value)
    {
        var style = IsPlainSafe(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
        _emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
        return this;
    }

    public YamlEventWriter Integer(int value)
    {
        _emitter.Emit(new Scalar(null, null, value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
        return this;
    }

    /// <summary><c>key: value</c> in the current mapping.</summary>
    public YamlEventWriter Pair(string key, string value) => String(key).String(value);

    public void Finish()
    {
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
    }

    internal static bool IsPlainSafe(string value) =>
        SafeCharacters().IsMatch(value) && !Number().IsMatch(value) && !Date().IsMatch(value) && !Reserved().IsMatch(value);

    // Letters, digits and . _ - / only, starting with a letter or digit: no indicator, no ':' (YAML 1.1 base-60 numbers).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    private static partial Regex SafeCharacters();

    // Integers and floats in any base either YAML version reads: 12, 1_000, 0x1F, 0o17, 017, 0b101, 1.5, 1e3, 1.5e3.
    [GeneratedRegex("^([0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+)$")]
    private static partial Regex Number();

    [GeneratedRegex("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex Date();

    [GeneratedRegex("^(y|n|yes|no|on|off|true|false|null)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();
}
