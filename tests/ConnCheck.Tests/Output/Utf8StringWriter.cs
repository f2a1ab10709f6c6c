using System.Text;

namespace ConnCheck.Tests.Output;

/// <summary>A string writer that says it writes UTF-8, as the console and the result files do, so that XML declares that encoding.</summary>
internal sealed class Utf8StringWriter : StringWriter
{
    public override Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
