using ConnCheck.Cli;
using ConnCheck.Configuration;
using ConnCheck.Tests.Configuration;

namespace ConnCheck.Tests.Checks.Http;

/// <summary>
/// Bad http options (issue 3, point 6): each is one positioned configuration error and exit 3. The
/// cases are the <c>testdata/invalid-http-*.yaml</c> files, whose first line says the expected error
/// (the loader's table test reads them too); here the whole program runs on them.
/// </summary>
public sealed class HttpConfigurationErrorTests
{
    private const string ExpectPrefix = "# expect: ";

    public static TheoryData<string> InvalidHttpFiles() => new(FileNames());

    [Fact]
    public void InvalidHttpFiles_CoverTheIssueCases()
    {
        string[] required = ["url-ftp", "url-relative", "url-no-scheme", "missing-url", "auth-one-item", "auth-scalar", "expected-code-abc", "headers-number", "method-space", "proxy-url-ftp"];

        var present = FileNames().ToHashSet(StringComparer.Ordinal);

        Assert.All(required, name => Assert.Contains($"invalid-http-{name}.yaml", present));
    }

    [Theory]
    [MemberData(nameof(InvalidHttpFiles))]
    public async Task RunAsync_InvalidHttpOption_PrintsThePositionedErrorAndExits3(string fileName)
    {
        var path = TestFiles.PathOf(fileName);
        var expected = File.ReadLines(path).First();
        Assert.StartsWith(ExpectPrefix, expected, StringComparison.Ordinal);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ConnCheckApp.RunAsync([path], stdout, stderr, CancellationToken.None);

        Assert.Equal(3, exit);
        Assert.Equal($"{path}:{expected[ExpectPrefix.Length..]}", Assert.Single(stderr.ToString().TrimEnd('\n').Split('\n')));
        Assert.Equal("", stdout.ToString());
    }

    [Theory]
    [InlineData("url", "ftp://alice:s3cret-pw@files.example.com/")]
    [InlineData("proxy_url", "socks5://alice:s3cret-pw@proxy.example.com:1080")]
    public void Load_InvalidUrlWithPassword_ErrorMasksThePassword(string key, string url)
    {
        var yaml = key == "url" ? $"- type: http\n  url: '{url}'\n" : $"- type: http\n  url: http://www.example.com/\n  {key}: '{url}'\n";

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(yaml, "test.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Contains($"{key} must be an absolute http:// or https:// URL", only.Problem, StringComparison.Ordinal);
        Assert.Contains("alice:***@", only.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralBadHttpOptions_ReportsEachAtItsPosition()
    {
        const string yaml = "- type: http\n  url: http://www.example.com/\n  method: 'GE T'\n  expected_code: abc\n  auth: [alice]\n  headers: 5\n";

        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(yaml, "test.yaml"));

        string[] expected =
        [
            "test.yaml:3:11: method must be an HTTP method such as GET or POST, not 'GE T'",
            "test.yaml:4:18: expected_code must be a status code from 100 to 999, a range such as 200-299, or a list of them, not 'abc'",
            "test.yaml:5:9: auth must be a list of two values, [user, password], found a list of 1 item",
            "test.yaml:6:12: headers must be a mapping or a list of [name, value] pairs, found a single value",
        ];
        Assert.Equal(expected, error.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_NearMissOfABodyOption_WarnsNamingIt()
    {
        const string yaml = "- type: http\n  url: http://www.example.com/\n  expected_bdy: ok\n- type: http\n  url: http://www.example.com/\n  expected_body_regx: ok\n";

        var loaded = ConfigurationLoader.Load(yaml, "test.yaml");

        Assert.Equal(
            [
                "test.yaml:3:3: unknown option 'expected_bdy' for http check (ignored); did you mean 'expected_body'?",
                "test.yaml:6:3: unknown option 'expected_body_regx' for http check (ignored); did you mean 'expected_body_regex'?",
            ],
            loaded.Warnings.Select(w => w.ToString()));
    }

    private static IEnumerable<string> FileNames() =>
        Directory.EnumerateFiles(TestFiles.Directory, "invalid-http-*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
