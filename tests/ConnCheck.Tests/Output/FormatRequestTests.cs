using ConnCheck.Output;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Output;

public sealed class FormatRequestTests
{
    [Fact]
    public void ParseAll_None_TextOnStdout()
    {
        var request = Assert.Single(FormatRequest.ParseAll([], out var problem));

        Assert.Null(problem);
        Assert.Equal((ResultFormats.Default, null), (request.Format, request.Path));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("TEXT")]
    [InlineData("text:-")]
    public void ParseAll_NameAloneOrDash_Stdout(string written)
    {
        var request = Assert.Single(FormatRequest.ParseAll([written], out var problem));

        Assert.Null(problem);
        Assert.True(request.ToStdout);
        Assert.Equal("text", request.Format.Name);
    }

    [Fact]
    public void ParseAll_PathWithColons_EverythingAfterTheFirstColonIsThePath()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "a:b.txt");

        var request = Assert.Single(FormatRequest.ParseAll([$"text:{path}"], out var problem));

        Assert.Null(problem);
        Assert.Equal(path, request.Path);
    }

    [Fact]
    public void ParseAll_UnknownFormat_NamesItAndTheFormats()
    {
        Assert.Empty(FormatRequest.ParseAll(["xml:out.xml"], out var problem));

        Assert.Equal($"argument --format: unknown format 'xml' (formats: {ResultFormats.Names})", problem);
    }

    [Fact]
    public void ParseAll_TwoFormatsOnStdout_Refused()
    {
        Assert.Empty(FormatRequest.ParseAll(["text", "text:-"], out var problem));

        Assert.Equal("argument --format: text and text both write to standard output; give all but one a file (FORMAT:PATH)", problem);
    }

    [Fact]
    public void ParseAll_TwoFormatsToOneFile_Refused()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "out");

        Assert.Empty(FormatRequest.ParseAll([$"text:{path}", $"text:{directory.Path}/./out"], out var problem));

        Assert.Equal($"argument --format: text and text both write to {directory.Path}/./out", problem);
    }

    [Fact]
    public void ParseAll_MissingDirectory_Refused()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "no-such-directory", "out.txt");

        Assert.Empty(FormatRequest.ParseAll([$"text:{path}"], out var problem));

        Assert.Equal($"argument --format: cannot write text to '{path}': no such directory", problem);
    }

    [Theory]
    [InlineData("", "the path is empty")]
    [InlineData("/tmp", "it is a directory")]
    public void ParseAll_PathThatCannotBeAFile_Refused(string path, string why)
    {
        Assert.Empty(FormatRequest.ParseAll([$"text:{path}"], out var problem));

        Assert.Equal($"argument --format: cannot write text to '{path}': {why}", problem);
    }
}
