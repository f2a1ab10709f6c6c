using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConnCheck.Configuration.Yaml;

/// <summary>
/// Reads a YAML stream event by event into <see cref="YamlNode"/>s, within limits that a hostile or broken
/// file cannot get past: nesting, what aliases stand for, and keys that are not single values are each a
/// positioned <see cref="ConfigurationException"/> as soon as the event that breaks them is read. Nothing
/// recurses, so no file can exhaust the stack. A top-level list can be read item by item
/// (<see cref="ReadItems"/>), so that a long configuration is never held as a whole tree.
/// </summary>
internal sealed class YamlTreeReader
{
    /// <summary>Lists and mappings inside one another: a configuration needs four or five levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The values that aliases may stand for in one document, counted as if each alias were written out
    /// (so nested aliases multiply): anchors repeat a few values; a billion-laughs file repeats a tree of trees.
    /// </summary>
    public const long MaxAliasedValues = 1_000_000;

    private readonly IParser _parser;
    private readonly Scanner _scanner;
    private readonly string _file;

    // Per document: each anchor's node and how many values it stands for, aliases inside it written out;
    // an anchor whose node is still being read has no size yet (an alias to it would make a cycle).
    private readonly Dictionary<string, (YamlNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _aliased;
    private int _depth;

    // The lists and mappings that ReadNode is in, innermost last: kept from one node to the next.
    private readonly List<Frame> _open = [];

    public YamlTreeReader(TextReader input, string file)
    {
        _file = file;
        _scanner = new Scanner(input);
        _parser = new Parser(_scanner);
        Advance();
        Advance();
    }

    /// <summary>Where the event at hand starts: after <see cref="NextDocument"/>, the document's root.</summary>
    public SourcePosition Position => PositionOf(Current.Start);

    /// <summary>Whether the node at hand is a list, which <see cref="ReadItems"/> reads.</summary>
    public bool AtSequence => Current is SequenceStart;

    private ParsingEvent Current => _parser.Current ?? throw new InvalidOperationException("read past the end of the YAML stream");

    /// <summary>Moves to the root of the next document; false at the end of the stream.</summary>
    /// <exception cref="InvalidOperationException">The root of the document before was not read.</exception>
    public bool NextDocument()
    {
        if (Current is DocumentEnd)
        {
            Advance();
        }

        if (Current is StreamEnd)
        {
            return false;
        }

        if (Current is not DocumentStart)
        {
            throw new InvalidOperationException("the root of the document before was not read");
        }

        _anchors.Clear();
        _aliased = 0;
        Advance();
        return true;
    }

    /// <summary>Every document's root, whole: for files that are read at once.</summary>
    public static List<YamlNode> ReadDocuments(TextReader input, string file)
    {
        var reader = new YamlTreeReader(input, file);
        var roots = new List<YamlNode>();
        while (reader.NextDocument())
        {
            roots.Add(reader.ReadNode());
        }

        return roots;
    }

    /// <summary>Reads the list at hand one item at a time, each item whole.</summary>
    public IEnumerable<YamlNode> ReadItems()
    {
        var start = (SequenceStart)Current;
        Enter(start);
        Open(start.Anchor);
        Advance();
        while (Current is not SequenceEnd)
        {
            yield return ReadNode();
        }

        _depth--;
        Advance();
    }

    /// <summary>Reads the node at hand, whatever is in it.</summary>
    public YamlNode ReadNode()
    {
        var open = _open;
        open.Clear();
        while (true)
        {
            YamlNode? node;
            long size;
            switch (Current)
            {
                case Scalar scalar:
                    node = new YamlScalarNode(scalar.Value, scalar.Style, Line(scalar.Start), Column(scalar.Start));
                    size = 1;
                    Close(scalar.Anchor, node, size);
                    break;
                case AnchorAlias alias:
                    (node, size) = Resolve(alias);
                    break;
                case SequenceStart start:
                    Begin(start, new YamlSequenceNode(Line(start.Start), Column(start.Start)), open);
                    node = null;
                    size = 0;
                    break;
                case MappingStart start:
                    Begin(start, new YamlMappingNode(Line(start.Start), Column(start.Start)), open);
                    node = null;
                    size = 0;
                    break;
                case SequenceEnd or MappingEnd:
                    var done = open[^1];
                    open.RemoveAt(open.Count - 1);
                    _depth--;
                    node = done.Node;
                    size = done.Size + 1;
                    Close(done.Anchor, node, size);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected YAML event {Current.GetType().Name}");
            }

            var at = Current;
            Advance();
            if (node is null)
            {
                continue;
            }

            if (open.Count == 0)
            {
                return node;
            }

            var parent = open[^1];
            parent.Size += size;
            if (parent.Node is YamlSequenceNode sequence)
            {
                sequence.Add(node);
            }
            else if (parent.Key is null)
            {
                // An alias of a list or mapping; one written out was refused where it began.
                parent.Key = node as YamlScalarNode ?? throw ComplexKey(at.Start, node);
            }
            else
            {
                if (!((YamlMappingNode)parent.Node).TryAdd(parent.Key, node))
                {
                    throw Error(parent.Key, $"invalid YAML: Duplicate key {Printable.Escape(parent.Key.Value)}");
                }

                parent.Key = null;
            }
        }
    }

    // A list or mapping begins: as a key, or deeper than MaxDepth, it is refused before anything in it is read.
    // (A key that is a list or mapping is legal YAML, but conn-check has no use for one, and comparing such keys
    // costs as much as the trees they hold, aliases written out.)
    private void Begin(NodeEvent start, YamlNode node, List<Frame> open)
    {
        if (open.Count > 0 && open[^1] is { Node: YamlMappingNode, Key: null })
        {
            throw ComplexKey(start.Start, node);
        }

        Enter(start);
        open.Add(new Frame(node, start.Anchor));
        Open(start.Anchor);
    }

    private void Enter(NodeEvent start)
    {
        if (++_depth > MaxDepth)
        {
            throw Error(start.Start, $"YAML nested deeper than {MaxDepth} levels");
        }
    }

    private (YamlNode Node, long Size) Resolve(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            // Not named: an unquoted value starting with '*' (a password) is read as an alias.
            throw Error(alias.Start, "invalid YAML: a value starting with '*' is read as an alias of an anchor that is not defined (quote the value if the '*' is part of it)");
        }

        if (anchored.Size < 0)
        {
            throw Error(alias.Start, "an alias inside the value of its own anchor (a structure that contains itself)");
        }

        _aliased += anchored.Size;
        if (_aliased > MaxAliasedValues)
        {
            throw Error(alias.Start, $"aliases stand for more than {MaxAliasedValues} values in all");
        }

        return anchored;
    }

    private void Open(AnchorName anchor)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (null!, -1);
        }
    }

    private void Close(AnchorName anchor, YamlNode node, long size)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, size);
        }
    }

    private void Advance()
    {
        try
        {
            _parser.MoveNext();
        }
        catch (YamlException e)
        {
            // Not kept as the inner exception: YamlDotNet's message quotes the text it stopped at, which
            // may be a password, and nothing is known yet of which values are secret.
            throw Error(e.Start, $"invalid YAML: {Problem(e)}", inner: null);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet throws this instead of a YamlException on some malformed plain scalars (an unclosed
            // '[' before 'key: value' lines; aaubry/YamlDotNet#541). Where the scanner stopped is the best position there is.
            throw Error(_scanner.CurrentPosition, "invalid YAML: malformed unquoted value", e);
        }
    }

    // YamlDotNet prefixes its messages with the position, which we print ourselves.
    private static string Problem(YamlException e)
    {
        var close = e.Message.IndexOf("): ", StringComparison.Ordinal);
        var problem = e.Message.StartsWith('(') && close > 0 ? e.Message[(close + 3)..] : e.Message;
        return Printable.Escape(problem, maxLength: 200);
    }

    private ConfigurationException ComplexKey(Mark at, YamlNode key) =>
        Error(at, $"a {(key is YamlMappingNode ? "mapping" : "list")} used as a key (keys must be single values)");

    private ConfigurationException Error(Mark at, string problem, Exception? inner = null) =>
        new([new ConfigurationError(PositionOf(at), problem)], inner);

    private ConfigurationException Error(YamlNode at, string problem) =>
        new([new ConfigurationError(new SourcePosition(_file, at.Line, at.Column), problem)]);

    private SourcePosition PositionOf(Mark mark) => new(_file, Line(mark), Column(mark));

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Clamp(mark.Column, 1, int.MaxValue);

    private sealed class Frame(YamlNode node, AnchorName anchor)
    {
        public YamlNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        /// <summary>The values inside, aliases written out.</summary>
        public long Size { get; set; }

        /// <summary>In a mapping, the key read whose value comes next.</summary>
        public YamlScalarNode? Key { get; set; }
    }
}
