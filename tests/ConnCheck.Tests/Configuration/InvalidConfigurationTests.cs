using ConnCheck.Checks;
using ConnCheck.Configuration;

namespace ConnCheck.Tests.Configuration;

/// <summary>
/// One file per invalid case, as blackbox_exporter's testdata/invalid-*.yml: the first line of each
/// file is <c># expect: LINE:COLUMN: message</c>, the error the loader must print after <c>FILE:</c>.
/// <c>{KNOWN_TYPES}</c> in it stands for the list of check types, which grows with every new type.
/// </summary>
public sealed class InvalidConfigurationTests
{
    private const string ExpectPrefix = "# expect: ";

    public static TheoryData<string> InvalidFiles() => new(InvalidFileNames());

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void LoadFile_InvalidFile_ReportsTheExpectedPositionedError(string fileName)
    {
        var path = TestFiles.PathOf(fileName);
        var firstLine = File.ReadLines(path).First();
        Assert.StartsWith(ExpectPrefix, firstLine, StringComparison.Ordinal);

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path));

        var only = Assert.Single(error.Errors);
        var expected = firstLine[ExpectPrefix.Length..].Replace("{KNOWN_TYPES}", KnownTypes, StringComparison.Ordinal);
        Assert.Equal($"{path}:{expected}", only.ToString());
    }

    [Fact]
    public void InvalidFiles_CoverTheRequiredCases()
    {
        // Guards against a case file being renamed or deleted without anyone noticing.
        string[] required =
        [
            "yaml-syntax", "top-level-mapping", "top-level-scalar", "item-scalar", "missing-type", "unknown-type",
            "type-not-string", "tcp-missing-host", "tcp-missing-port", "tls-missing-host", "tls-missing-port",
            "udp-missing-host", "udp-missing-port", "udp-missing-send", "udp-missing-expect", "port-not-number",
            "port-zero", "port-too-large", "port-list", "timeout-zero", "timeout-negative", "timeout-not-number",
            "tags-mapping", "bool-maybe", "host-empty", "env-unset", "env-unterminated", "two-documents",
            "yaml-duplicate-key", "yaml-deep-nesting", "yaml-complex-key", "yaml-alias-bomb", "yaml-recursive-alias",
        ];

        var present = InvalidFileNames().ToHashSet(StringComparer.Ordinal);

        Assert.All(required, name => Assert.Contains($"invalid-{name}.yaml", present));
    }

    [Fact]
    public void LoadFile_SeveralProblems_ReportsEveryOneInFileOrder()
    {
        var path = TestFiles.PathOf("several-problems.yaml");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path));

        Assert.Equal(
        [
            $"{path}:3:9: host must not be empty",
            $"{path}:4:9: port must be an integer from 1 to 65535, not 'abc'",
            $"{path}:5:12: timeout must be a number of seconds greater than 0 (at most 2000000), not '0'",
            $"{path}:9:9: unknown check type 'gopher' (known types: {KnownTypes})",
            $"{path}:10:3: each check must be a mapping with a 'type', found '42'",
            $"{path}:11:3: udp check is missing required option 'send'",
            $"{path}:11:3: udp check is missing required option 'expect'",
        ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void LoadFile_SeveralProblems_ExceptionMessageListsThemOnePerLine()
    {
        var path = TestFiles.PathOf("several-problems.yaml");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path));

        Assert.Equal(error.Errors.Select(e => e.ToString()), error.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void LoadFile_MissingFile_ReportsOnePositionedError()
    {
        var path = TestFiles.PathOf("no-such-file.yaml");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path));

        var only = Assert.Single(error.Errors);
        Assert.Equal($"{path}:1:1: cannot read configuration file: no such file", only.ToString());
    }

    [Fact]
    public void LoadFile_MissingDirectory_ReportsNoSuchFile()
    {
        var path = TestFiles.PathOf("no-such-directory", "checks.yaml");

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path));

        Assert.Equal($"{path}:1:1: cannot read configuration file: no such file", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Load_OneBadCheckAmongGoodOnes_FailsTheWholeFile()
    {
        // A file with one good and one bad check must not half-load: the run would miss a check silently.
        const string text = "- type: tcp\n  host: db.example.com\n  port: 5432\n- type: tcp\n  host: cache.example.com\n  port: 0\n";

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(text, "checks.yaml"));

        Assert.Equal("checks.yaml:6:9: port must be an integer from 1 to 65535, not '0'", Assert.Single(error.Errors).ToString());
    }

    private static string KnownTypes => string.Join(", ", CheckTypes.Builtin.Names);

    private static IEnumerable<string> InvalidFileNames() =>
        System.IO.Directory.EnumerateFiles(TestFiles.Directory, "invalid-*.yaml")
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal);
}
