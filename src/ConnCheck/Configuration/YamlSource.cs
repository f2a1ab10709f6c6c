using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConnCheck.Configuration;

/// <summary>Reading YAML files with every problem reported as a positioned <see cref="ConfigurationError"/>.</summary>
internal static class YamlSource
{
    /// <summary>The text of <paramref name="path"/>; <paramref name="what"/> names the file in the message ("configuration file").</summary>
    public static string ReadText(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "it is a directory",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new ConfigurationException([new(new SourcePosition(path, 1, 1), $"cannot read {what}: {reason}")], e);
        }
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in messages.</summary>
    public static YamlStream Parse(string text, string file)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            // Not kept as the inner exception: YamlDotNet's message quotes the text it stopped at, which
            // may be a password (an unquoted "*Secr3t" is read as an alias), and nothing is known yet of
            // which values are secret.
            var position = new SourcePosition(file, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column));
            throw new ConfigurationException([new(position, $"invalid YAML: {Problem(e)}")]);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet throws this instead of a YamlException on some malformed plain scalars (an unclosed
            // '[' before 'key: value' lines; aaubry/YamlDotNet#541). Where the scanner stopped is the best position there is.
            var stopped = scanner.CurrentPosition;
            var position = new SourcePosition(file, (int)stopped.Line, (int)stopped.Column);
            throw new ConfigurationException([new(position, "invalid YAML: malformed unquoted value")], e);
        }

        return stream;
    }

    /// <summary>An empty value: nothing, <c>~</c> or <c>null</c>, unquoted.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    // YamlDotNet prefixes its messages with the position, which we print ourselves; it names anchors
    // and aliases in quotes, and an alias is what a value starting with '*' becomes.
    private static string Problem(YamlException e)
    {
        if (e is AnchorNotFoundException)
        {
            return "a value starting with '*' is read as an alias of an anchor that is not defined (quote the value if the '*' is part of it)";
        }

        var close = e.Message.IndexOf("): ", StringComparison.Ordinal);
        var problem = e.Message.StartsWith('(') && close > 0 ? e.Message[(close + 3)..] : e.Message;
        return Printable.Escape(problem, maxLength: 200);
    }
}
