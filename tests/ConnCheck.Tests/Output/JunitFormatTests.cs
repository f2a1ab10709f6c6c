using System.Xml.Linq;
using ConnCheck.Checks;
using ConnCheck.Output;
using ConnCheck.Running;

namespace ConnCheck.Tests.Output;

public sealed class JunitFormatTests
{
    private const string Hostname = "ci-runner-1";

    [Fact]
    public async Task Close_Buffered_MatchesSnapshotAndSchema()
    {
        var xml = Write(FormatSamples.Settings, FormatSamples.Arrivals);

        await XmlLint.AssertValidAsync(xml);
        Snapshot.Matches("junit-buffered.xml", xml);
    }

    [Fact]
    public async Task Close_BufferedWithTracebacks_MatchesSnapshotAndSchema()
    {
        var xml = Write(FormatSamples.Settings with { Tracebacks = true }, FormatSamples.Arrivals);

        await XmlLint.AssertValidAsync(xml);
        Snapshot.Matches("junit-buffered-tracebacks.xml", xml);
        var failure = TestCase(XDocument.Parse(xml), "tcp:[::1]:6379").Element("failure")!;
        Assert.Equal($"Connection refused\n\n{FormatSamples.Traceback}", failure.Value);
    }

    [Fact]
    public void Close_Suite_CountsEveryResultAndNamesItsRun()
    {
        var document = XDocument.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals));

        var root = document.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var suite = Assert.Single(root.Elements("testsuite"));
        foreach (var element in new[] { root, suite })
        {
            Assert.Equal("conn-check", (string?)element.Attribute("name"));
            Assert.Equal("7", (string?)element.Attribute("tests"));
            Assert.Equal("3", (string?)element.Attribute("failures"));
            Assert.Equal("0", (string?)element.Attribute("errors"));
            Assert.Equal("1", (string?)element.Attribute("skipped"));
            Assert.Equal("1.2345", (string?)element.Attribute("time"));
        }

        Assert.Equal("2024-05-01T12:00:00.25Z", (string?)suite.Attribute("timestamp"));
        Assert.Equal(Hostname, (string?)suite.Attribute("hostname"));
        Assert.Equal(
            [("conn_check_version", "1.2.3"), ("config_file", "checks.yaml")],
            suite.Element("properties")!.Elements("property").Select(p => ((string)p.Attribute("name")!, (string)p.Attribute("value")!)));
    }

    [Fact]
    public void Close_TestCases_AreInFileOrderWithTypeNameTimeFileAndLine()
    {
        var cases = XDocument.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals)).Descendants("testcase").ToList();

        Assert.Equal(
            [
                ("tcp", "tcp:db.example.com:5432", "0.00127", "1"),
                ("tls", "tls:www.example.com:443", "0.04891", "5"),
                ("tcp", "tcp:[::1]:6379", "0.00042", "9"),
                ("http", FormatSamples.AwkwardName, "0.1205", "11"),
                ("udp", "udp:statsd.example.com:8125", "10", "12"),
                ("memcache", "memcache:cache.example.com:11211:connect", "0", "14"),
                ("tcp", "tcp:legacy.example.com:25", "0.003", null),
            ],
            cases.Select(c => ((string)c.Attribute("classname")!, (string)c.Attribute("name")!, (string)c.Attribute("time")!, (string?)c.Attribute("line"))));
        Assert.All(cases.Where(c => c.Attribute("line") is not null), c => Assert.Equal("checks.yaml", (string?)c.Attribute("file")));
    }

    [Fact]
    public void Close_Failure_CarriesMessageAndStage()
    {
        var document = XDocument.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals));

        var refused = TestCase(document, "tcp:[::1]:6379").Element("failure")!;
        Assert.Equal("Connection refused", (string?)refused.Attribute("message"));
        Assert.Equal("connect", (string?)refused.Attribute("type"));
        Assert.Equal("Connection refused", refused.Value);
        var awkward = TestCase(document, FormatSamples.AwkwardName).Element("failure")!;
        Assert.Equal(FormatSamples.AwkwardMessage, (string?)awkward.Attribute("message"));
        Assert.Equal("protocol", (string?)awkward.Attribute("type"));
    }

    [Fact]
    public void Close_WarningSkipAndSuccess_HaveTheirOwnShapes()
    {
        var document = XDocument.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals));

        var warning = TestCase(document, "tls:www.example.com:443");
        Assert.Null(warning.Element("failure"));
        Assert.Equal("WARNING: certificate expires on 2024-05-06 (5 days left)", warning.Element("system-out")!.Value);
        var skipped = TestCase(document, "memcache:cache.example.com:11211:connect");
        Assert.NotNull(skipped.Element("skipped"));
        var ok = TestCase(document, "tcp:db.example.com:5432");
        Assert.Equal(["properties"], ok.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(
            [("check", "primary database"), ("tag", "db"), ("tag", "prod"), ("info", "db.example.com:5432")],
            ok.Element("properties")!.Elements("property").Select(p => ((string)p.Attribute("name")!, (string)p.Attribute("value")!)));
        Assert.Empty(TestCase(document, "tcp:legacy.example.com:25").Elements());
    }

    [Fact]
    public async Task Close_ResultWithoutSubject_TakesItsClassnameFromTheName()
    {
        var xml = Write(FormatSamples.Settings, [new CheckResult("tcp:legacy:1", null, ResultStatus.Failed, TimeSpan.FromSeconds(1), "refused")]);

        await XmlLint.AssertValidAsync(xml);
        var testCase = Assert.Single(XDocument.Parse(xml).Descendants("testcase"));
        Assert.Equal("tcp", (string?)testCase.Attribute("classname"));
        Assert.Null(testCase.Attribute("line"));
        Assert.Null(testCase.Element("failure")!.Attribute("type"));
    }

    [Fact]
    public async Task Close_NothingSelected_IsAnEmptyValidSuite()
    {
        var xml = Write(FormatSamples.Settings, []);

        await XmlLint.AssertValidAsync(xml);
        Assert.Equal("0", (string?)XDocument.Parse(xml).Root!.Element("testsuite")!.Attribute("tests"));
    }

    [Fact]
    public Task Close_ControlCharactersInAReply_BecomeReplacementCharacters() =>
        AssertReplyWrittenAsync("\u0001\u0000\u001b[0m\ud800", "\uFFFD\uFFFD\uFFFD[0m\uFFFD");

    // U+FFFE and U+FFFF are the BMP characters outside the control range that XML cannot carry.
    [Fact]
    public Task Close_NonCharactersAloneInAReply_BecomeReplacementCharacters() =>
        AssertReplyWrittenAsync("\uFFFEab\uFFFF", "\uFFFDab\uFFFD");

    [Fact]
    public async Task Close_MultiLineMessage_KeepsItsLinesInTheAttribute()
    {
        var failure = new CheckResult("tcp:a:1", null, ResultStatus.Failed, TimeSpan.Zero, "first\nsecond") { Subject = FormatSamples.Subject("tcp", 1, "a", 1, sequence: 0) };

        var xml = Write(FormatSamples.Settings, [failure]);

        await XmlLint.AssertValidAsync(xml);
        Assert.Equal("first\nsecond", (string?)XDocument.Parse(xml).Descendants("failure").Single().Attribute("message"));
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public async Task Close_FailureOfEachStage_IsValid(string stageName)
    {
        var failure = new CheckResult("tcp:db:5432", "db:5432", ResultStatus.Failed, TimeSpan.FromMilliseconds(5), "failed")
        {
            Subject = FormatSamples.Subject("tcp", 1, "db", 5432, sequence: 0),
            Stage = Enum.GetValues<FailureStage>().Single(s => FailureStageNames.Of(s) == stageName),
        };

        var xml = Write(FormatSamples.Settings, [failure]);

        await XmlLint.AssertValidAsync(xml);
        Assert.Equal(stageName, (string?)XDocument.Parse(xml).Descendants("failure").Single().Attribute("type"));
    }

    [Fact]
    public void Add_Streaming_WritesNothingUntilClose()
    {
        var writer = new Utf8StringWriter();
        var format = new JunitFormat(writer, FormatSamples.Settings with { Streaming = true }, Hostname);

        format.Add(FormatSamples.Arrivals[0]);

        Assert.Equal("", writer.ToString());
        format.Close(FormatSamples.Summary(FormatSamples.Arrivals[..1]));
        Assert.Single(XDocument.Parse(writer.ToString()).Descendants("testcase"));
    }

    [Fact]
    public void Xsd_StageEnumeration_IsEveryFailureStageName()
    {
        var xs = XNamespace.Get("http://www.w3.org/2001/XMLSchema");
        var schema = XDocument.Load(XmlLint.Schema);

        var stage = schema.Root!.Elements(xs + "simpleType").Single(t => (string?)t.Attribute("name") == "stage");

        Assert.Equal(FailureStageNames.All, stage.Descendants(xs + "enumeration").Select(e => (string)e.Attribute("value")!));
    }

    [Theory]
    [InlineData("a test case without classname")]
    [InlineData("an unknown stage")]
    [InlineData("an unknown element")]
    [InlineData("a second suite")]
    [InlineData("a suite as the root")]
    [InlineData("a time with an exponent")]
    [InlineData("a negative count")]
    [InlineData("a failure and a skip together")]
    [InlineData("a failure without message")]
    public async Task Xsd_BrokenDocument_IsRejected(string what)
    {
        var document = XDocument.Parse(Write(FormatSamples.Settings, FormatSamples.Arrivals));
        var suite = document.Root!.Element("testsuite")!;
        var refused = TestCase(document, "tcp:[::1]:6379");
        switch (what)
        {
            case "a test case without classname":
                refused.Attribute("classname")!.Remove();
                break;
            case "an unknown stage":
                refused.Element("failure")!.SetAttributeValue("type", "firewall");
                break;
            case "an unknown element":
                refused.Add(new XElement("error", "boom"));
                break;
            case "a second suite":
                document.Root.Add(new XElement(suite));
                break;
            case "a suite as the root":
                document.Root.ReplaceWith(suite);
                break;
            case "a time with an exponent":
                refused.SetAttributeValue("time", "4.2E-04");
                break;
            case "a negative count":
                suite.SetAttributeValue("failures", "-1");
                break;
            case "a failure and a skip together":
                refused.Add(new XElement("skipped"));
                break;
            default:
                refused.Element("failure")!.Attribute("message")!.Remove();
                break;
        }

        var result = await XmlLint.ValidateAsync(document.Declaration + "\n" + document);

        Assert.True(result.ExitCode != 0, $"the schema accepts a document with {what}:\n{document}");
        Assert.Contains("fails to validate", result.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string> Stages() => new(FailureStageNames.All);

    private static string Write(FormatSettings settings, IReadOnlyList<CheckResult> results) =>
        FormatSamples.Write((writer, s) => new JunitFormat(writer, s, Hostname), settings, results);

    private static XElement TestCase(XDocument document, string name) =>
        document.Descendants("testcase").Single(c => (string?)c.Attribute("name") == name);

    // A udp failure quoting REPLY, written as JUnit: valid XML, the reply in it as EXPECTED.
    private static async Task AssertReplyWrittenAsync(string reply, string expected)
    {
        var failure = new CheckResult("udp:127.0.0.1:9", null, ResultStatus.Failed, TimeSpan.Zero, $"Unexpected reply: \"{reply}\"")
        {
            Subject = FormatSamples.Subject("udp", 1, "127.0.0.1", 9, sequence: 0),
            Stage = FailureStage.Protocol,
        };

        var xml = Write(FormatSamples.Settings, [failure]);

        await XmlLint.AssertValidAsync(xml);
        Assert.Equal($"Unexpected reply: \"{expected}\"", XDocument.Parse(xml).Descendants("failure").Single().Value);
    }
}
