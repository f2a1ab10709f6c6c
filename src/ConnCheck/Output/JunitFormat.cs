using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;
using ConnCheck.Checks;
using ConnCheck.Running;

namespace ConnCheck.Output;

/// <summary>
/// The JUnit XML of Ant and Jenkins that CI servers read (SPEC C1), as <c>schemas/junit.xsd</c>
/// describes it: one <c>testsuite</c> named conn-check, one <c>testcase</c> per result in file order
/// (<c>classname</c> the check type, <c>name</c> the result name), a <c>failure</c> whose type is the
/// stage, <c>skipped</c>, and for a warning a passing test case that says <c>WARNING: MESSAGE</c> in
/// its <c>system-out</c>: CI must not fail a build on it, yet shows it.
/// The document is written whole at the end even with -U: its root carries the counts and the time,
/// which are known only then, and CI servers read the file once the run is over anyway.
/// </summary>
internal sealed class JunitFormat(TextWriter writer, FormatSettings settings, string hostname) : IResultFormat
{
    public static ResultFormat Entry { get; } = new("junit", "JUnit XML for CI servers (Jenkins, GitLab): one testcase per result, failure with the stage, skipped", (writer, settings) => new JunitFormat(writer, settings, Environment.MachineName));

    private const string SuiteName = "conn-check";

    // The control characters that XML 1.0 cannot carry; U+FFFE, U+FFFF and lone surrogates are the others.
    // Every start builds this set: an ASCII one takes a moment, one with U+FFFE was 2.5 % of the samples of --version.
    private static readonly SearchValues<char> NotXmlControls = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly List<CheckResult> _held = [];

    public void Add(CheckResult result) => _held.Add(result);

    public void Close(RunSummary summary)
    {
        var counts = summary.Counts;
        var time = DecimalSeconds.Of(summary.Duration);
        var xmlSettings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            CloseOutput = false,

            // Text() has already replaced what XML cannot carry; the writer need not look again.
            CheckCharacters = false,
        };
        using (var xml = XmlWriter.Create(writer, xmlSettings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            WriteCounts(xml, counts, time);

            xml.WriteStartElement("testsuite");
            WriteCounts(xml, counts, time);
            xml.WriteAttributeString("timestamp", Rfc3339.Format(summary.Started));
            if (hostname.Length > 0)
            {
                xml.WriteAttributeString("hostname", Text(hostname));
            }

            xml.WriteStartElement("properties");
            Property(xml, "conn_check_version", settings.Version);
            Property(xml, "config_file", settings.ConfigFile);
            xml.WriteEndElement();

            foreach (var result in ResultOrdering.InFileOrder(_held))
            {
                WriteTestCase(xml, result);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        _held.Clear();
        writer.Write('\n');
        writer.Flush();
    }

    private void WriteTestCase(XmlWriter xml, CheckResult result)
    {
        var subject = result.Subject;
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", Text(subject?.Type ?? TypeOf(result.Name)));
        xml.WriteAttributeString("name", Text(result.Name));
        xml.WriteAttributeString("time", DecimalSeconds.Of(result.Duration));
        if (subject is not null)
        {
            if (settings.ConfigFile.Length > 0)
            {
                xml.WriteAttributeString("file", Text(settings.ConfigFile));
            }

            xml.WriteAttributeString("line", subject.Line.ToString(CultureInfo.InvariantCulture));
        }

        // What JUnit has no attribute for: the check's name option, its tags and the result's info.
        if (subject?.Label is not null || subject?.Tags.Count > 0 || result.Info is not null)
        {
            xml.WriteStartElement("properties");
            if (subject?.Label is { } label)
            {
                Property(xml, "check", label);
            }

            foreach (var tag in subject?.Tags ?? [])
            {
                Property(xml, "tag", tag);
            }

            if (result.Info is { } info)
            {
                Property(xml, "info", info);
            }

            xml.WriteEndElement();
        }

        switch (result.Status)
        {
            case ResultStatus.Failed:
                var message = result.Message ?? "failed";
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Text(message));
                if (result.Stage is { } stage)
                {
                    xml.WriteAttributeString("type", FailureStageNames.Of(stage));
                }

                xml.WriteString(Text(settings.Tracebacks && result.Details is { } details ? $"{message}\n\n{details}" : message));
                xml.WriteEndElement();
                break;
            case ResultStatus.Skipped:
                xml.WriteStartElement("skipped");
                if (result.Message is { } why)
                {
                    xml.WriteAttributeString("message", Text(why));
                }

                xml.WriteEndElement();
                break;
            case ResultStatus.Warning:
                xml.WriteElementString("system-out", Text($"WARNING: {result.Message}"));
                break;
            default:
                break;
        }

        xml.WriteEndElement();
    }

    private static void WriteCounts(XmlWriter xml, ResultCounts counts, string time)
    {
        xml.WriteAttributeString("name", SuiteName);
        xml.WriteAttributeString("tests", counts.Total.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", counts.Failed.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", counts.Skipped.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", time);
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Text(value));
        xml.WriteEndElement();
    }

    private static string TypeOf(string name) => name.IndexOf(':') is var colon and > 0 ? name[..colon] : name;

    // XML 1.0 cannot carry most control characters, even escaped; a server's reply quoted in a
    // message may hold them. They become U+FFFD rather than making the document unreadable.
    private static string Text(string text)
    {
        // Nearly every text is clean: one vectorized search says so before any character is looked at alone.
        if (text.AsSpan().IndexOfAny(NotXmlControls) < 0 && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0
            && text.AsSpan().IndexOfAnyInRange('\uFFFE', '\uFFFF') < 0)
        {
            return text;
        }

        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                clean ??= new StringBuilder(text.Length).Append(text, 0, i);
                clean.Append('\uFFFD');
            }
        }

        return clean?.ToString() ?? text;
    }
}
