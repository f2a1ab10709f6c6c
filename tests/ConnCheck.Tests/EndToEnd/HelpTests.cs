namespace ConnCheck.Tests.EndToEnd;

/// <summary><c>conn-check help</c> where a file named <c>help</c> is in the working directory.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task HelpWord_FileNamedHelpThere_ShowsTheHelpAndSaysHowToReadTheFile()
    {
        using var directory = new TempDirectory();
        directory.Write("help", "- {type: tcp, host: 127.0.0.1, port: 1}\n");

        var help = await ConnCheckBinary.RunAsync(directory.Path, ["help"]);
        var file = await ConnCheckBinary.RunAsync(directory.Path, ["--dry-run", "./help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("  export-fw ", help.Stdout, StringComparison.Ordinal);
        Assert.Equal("conn-check: showing the help; to read the file named help, write ./help\n", help.Stderr);
        Assert.Equal((0, "SKIPPED: tcp:127.0.0.1:1\n"), (file.ExitCode, file.Stdout));
    }
}
