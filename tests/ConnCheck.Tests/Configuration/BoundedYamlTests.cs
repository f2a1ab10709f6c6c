using System.Diagnostics;
using ConnCheck.Checks.Tcp;
using ConnCheck.Configuration;
using ConnCheck.Configuration.Yaml;

namespace ConnCheck.Tests.Configuration;

/// <summary>
/// SPEC C6: a configuration file cannot make conn-check read without end, recurse without end or expand
/// without end. Each limit is a positioned configuration error, found before the work it would bound.
/// </summary>
public sealed class BoundedYamlTests
{
    private static readonly EnvironmentExpander NoEnvironment = new(_ => null);

    [Fact]
    public void Load_NestedAsDeepAsTheLimit_IsRead()
    {
        var tags = new string('[', YamlTreeReader.MaxDepth - 2) + "a" + new string(']', YamlTreeReader.MaxDepth - 2);

        var roots = YamlTreeReader.ReadDocuments(new StringReader($"- tags: {tags}\n"), "c.yaml");

        var depth = 0;
        for (YamlNode? node = Assert.Single(roots); node is not null; depth++)
        {
            node = node switch
            {
                YamlSequenceNode sequence => sequence.Children[0],
                YamlMappingNode mapping => mapping.Children[0].Value,
                _ => null,
            };
        }

        Assert.Equal(YamlTreeReader.MaxDepth + 1, depth);
    }

    [Fact]
    public void Load_200KilobytesOfOpeningBrackets_IsAnErrorAtTheFirstLevelTooDeep()
    {
        var text = new string('[', 200_000);

        var error = LoadError(text);

        Assert.Equal("c.yaml:1:65: YAML nested deeper than 64 levels", error);
    }

    [Fact]
    public void Load_DeeplyNestedFlowMappings_IsAnErrorAtTheFirstLevelTooDeep()
    {
        var text = string.Concat(Enumerable.Repeat("{a: ", 100_000));

        var error = LoadError(text);

        Assert.Equal("c.yaml:1:257: YAML nested deeper than 64 levels", error);
    }

    [Fact]
    public void Load_DeeplyNestedBlockLists_IsAnErrorAtTheFirstLevelTooDeep()
    {
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', 2 * i) + "-\n"));

        var error = LoadError(text);

        Assert.Equal("c.yaml:65:129: YAML nested deeper than 64 levels", error);
    }

    [Fact]
    public void Load_AliasesWithinTheBudget_StandForTheirAnchors()
    {
        var text = """
            - &db {type: tcp, host: db.example.com, port: 5432, tags: &tags [db, prod]}
            - {type: tcp, host: cache.example.com, port: 11211, tags: *tags}
            - *db
            """;

        var checks = ConfigurationLoader.Load(text, "c.yaml", NoEnvironment).Checks;

        Assert.Equal([("db.example.com", 5432), ("cache.example.com", 11211), ("db.example.com", 5432)], checks.Cast<TcpCheck>().Select(c => (c.Host, c.Port)));
        Assert.All(checks, c => Assert.Equal(["db", "prod"], c.Common.Tags));
    }

    [Fact]
    public void Load_BillionLaughs_IsAnErrorAtTheAliasThatPassesTheBudget()
    {
        // Nine levels of ten aliases each: a billion values if written out, 617 bytes as written.
        var text = "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat("abcdefgh".Zip("bcdefghi", (inner, outer) => $"- &{outer} [{string.Join(", ", Enumerable.Repeat($"*{inner}", 10))}]\n"));
        var clock = Stopwatch.StartNew();

        var error = LoadError(text);

        Assert.Equal("c.yaml:6:35: aliases stand for more than 1000000 values in all", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Load_AliasOfAnAnchorNotYetDefined_IsTheUndefinedAnchorError()
    {
        var error = LoadError("- {type: tcp, host: *h, port: 1}\n- {type: tcp, host: &h db, port: 2}\n");

        Assert.Equal("c.yaml:1:21: invalid YAML: a value starting with '*' is read as an alias of an anchor that is not defined (quote the value if the '*' is part of it)", error);
    }

    [Fact]
    public void Load_AliasInsideItsOwnAnchor_IsAnError()
    {
        var error = LoadError("- &loop {type: tcp, host: a, port: 1, tags: [*loop]}\n");

        Assert.Equal("c.yaml:1:46: an alias inside the value of its own anchor (a structure that contains itself)", error);
    }

    [Theory]
    [InlineData("- type: tcp\n  ? [a, b]\n  : c\n", "c.yaml:2:5: a list used as a key (keys must be single values)")]
    [InlineData("- {type: tcp, {a: b}: c}\n", "c.yaml:1:15: a mapping used as a key (keys must be single values)")]
    [InlineData("- {type: tcp, [a]: c}\n", "c.yaml:1:15: a list used as a key (keys must be single values)")]
    [InlineData("- &k [a]\n- {type: tcp, *k : c}\n", "c.yaml:2:15: a list used as a key (keys must be single values)")]
    public void Load_KeyThatIsNotASingleValue_IsAnErrorAtTheKey(string text, string expected)
    {
        Assert.Equal(expected, LoadError(text));
    }

    [Fact]
    public void Load_ComplexKeyHoldingNestedAliases_IsRefusedWhereTheKeyBegins()
    {
        // Comparing such keys once took seconds, nine times longer for each level of aliases.
        var text = "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat("abcd".Zip("bcde", (inner, outer) => $"- &{outer} [{string.Join(", ", Enumerable.Repeat($"*{inner}", 9))}]\n"))
            + "- {? [*e, *e]: x, ? [*e, *e]: y}\n";

        var error = LoadError(text);

        Assert.Equal("c.yaml:6:6: a list used as a key (keys must be single values)", error);
    }

    [Fact]
    public void Load_DuplicateKey_IsStillAnErrorAtTheSecondKey()
    {
        var error = LoadError("- type: tcp\n  host: a\n  port: 1\n  \"host\": b\n");

        Assert.Equal("c.yaml:4:3: invalid YAML: Duplicate key host", error);
    }

    [Fact]
    public void Load_DuplicateKeyInALongMapping_IsFound()
    {
        var keys = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"k{i}: {i}"));

        var error = LoadError($"- {{type: tcp, {keys}, k42: again}}\n");

        Assert.Matches(@"^c\.yaml:1:\d+: invalid YAML: Duplicate key k42$", error);
    }

    [Fact]
    public void Load_LongDuplicateKey_IsShortened()
    {
        var key = new string('k', 10_000);

        var error = LoadError($"- {{type: tcp, {key}: 1, {key}: 2}}\n");

        Assert.EndsWith($"Duplicate key {new string('k', Printable.MaxLength)}...", error);
    }

    [Fact]
    public void Load_UnsetVariableWithALongName_IsShortened()
    {
        var name = new string('V', 10_000);

        var error = LoadError($"- {{type: tcp, host: '${{{name}}}', port: 1}}\n");

        Assert.True(error.Length < 300, error);
        Assert.Contains($"environment variable {new string('V', Printable.MaxLength)}... is not set", error);
    }

    [Fact]
    public void Load_SeveralDocuments_IsStillOneErrorAtTheSecond()
    {
        var error = LoadError("- {type: tcp, host: a}\n---\n- {type: tcp, host: b, port: 1}\n");

        Assert.Equal("c.yaml:3:1: expected one YAML document, found several", error);
    }

    [Fact]
    public void Load_SyntaxErrorAfterBadChecks_IsTheOnlyError()
    {
        var error = LoadError("- {type: tcp, host: a}\n- {type: tcp, host: [b\n");

        Assert.StartsWith("c.yaml:3:1: invalid YAML: ", error);
    }

    private static string LoadError(string text)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(text, "c.yaml", NoEnvironment));
        return Assert.Single(e.Errors).ToString();
    }
}
