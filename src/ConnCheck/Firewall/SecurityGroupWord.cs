using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnCheck.Firewall;

/// <summary>
/// <c>--group</c> as it goes into the aws, neutron and nova command lines, which people paste into a
/// shell: always one word, never more than the group. A shell variable (the default <c>$SECGROUP</c>,
/// or <c>${SG}</c>) is written as is, for the shell to fill in; an id or name of characters the shell
/// takes literally (<c>sg-0123abcd</c>, a UUID, <c>web.prod</c>) too; anything else (AWS names may
/// hold spaces, <c>;</c>, <c>$</c>, ...) is single-quoted.
/// </summary>
internal static partial class SecurityGroupWord
{
    /// <summary>AWS and OpenStack both allow names of up to 255 characters.</summary>
    public const int MaxLength = 255;

    /// <summary>Why <paramref name="group"/> cannot name a security group, or null when it can.</summary>
    public static string? Problem(string group) =>
        group.Trim().Length == 0 ? "is empty"
        : group.Length > MaxLength ? $"is longer than {MaxLength} characters"
        : group.Any(IsControl) ? "holds control characters"
        : null;

    /// <summary><paramref name="group"/> as one shell word.</summary>
    public static string Quote(string group) =>
        ShellVariable().IsMatch(group) || Literal().IsMatch(group) ? group : "'" + group.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // Line breaks would end the command; format characters (bidirectional overrides) would show another one than runs.
    private static bool IsControl(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    [GeneratedRegex(@"^\$([A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})\z")]
    private static partial Regex ShellVariable();

    // Characters no POSIX shell gives a meaning to, anywhere in a word (not ~ or #, which mean something at its start).
    [GeneratedRegex(@"^[A-Za-z0-9._:/@+=,%-]+\z")]
    private static partial Regex Literal();
}
