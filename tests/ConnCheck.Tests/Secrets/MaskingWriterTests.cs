using ConnCheck.Secrets;

namespace ConnCheck.Tests.Secrets;

public sealed class MaskingWriterTests
{
    [Fact]
    public void Write_SecretSplitAcrossWrites_IsMaskedInTheWholeLine()
    {
        var inner = new StringWriter();
        using var writer = new MaskingWriter(inner) { Redactor = new Redactor(["hunter2"]) };

        writer.Write("error: password hun");
        writer.Write("ter2 refused");
        writer.WriteLine();
        writer.Write('x');

        Assert.Equal("error: password *** refused" + Environment.NewLine, inner.ToString());
        writer.Flush();
        Assert.EndsWith("x", inner.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Use_AfterTheConfigurationLoads_MasksFromThenOn()
    {
        var inner = new StringWriter();
        using var writer = new MaskingWriter(inner);

        writer.WriteLine("before hunter2");
        MaskingWriter.Use(writer, new Redactor(["hunter2"]));
        writer.WriteLine("after hunter2");

        Assert.Equal($"before hunter2{Environment.NewLine}after ***{Environment.NewLine}", inner.ToString());
    }

    [Fact]
    public void Use_ASecondTime_MasksTheSecretsOfBoth()
    {
        var inner = new StringWriter();
        using var writer = new MaskingWriter(inner);

        MaskingWriter.Use(writer, new Redactor(["hunter2"]));
        MaskingWriter.Use(writer, new Redactor(["swordfish"]));
        writer.WriteLine("hunter2 swordfish");

        Assert.Equal($"*** ***{Environment.NewLine}", inner.ToString());
    }

    [Fact]
    public void Use_OnAnotherWriter_DoesNothing()
    {
        var plain = new StringWriter();

        MaskingWriter.Use(plain, new Redactor(["hunter2"]));
        plain.Write("hunter2");

        Assert.Equal("hunter2", plain.ToString());
    }
}
