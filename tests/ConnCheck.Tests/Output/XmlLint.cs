using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Output;

/// <summary>Debian's xmllint, validating against the junit format's shipped XSD.</summary>
internal static class XmlLint
{
    public static string Schema { get; } = Path.Combine(ConnCheckBinary.RepoRoot, "schemas", "junit.xsd");

    /// <summary>Runs <c>xmllint --noout --schema junit.xsd FILE</c>.</summary>
    public static Task<ProcessResult> ValidateFileAsync(string path) =>
        ConnCheckBinary.RunProcessAsync("xmllint", ["--noout", "--schema", Schema, path], Path.GetDirectoryName(path)!);

    /// <summary>Writes <paramref name="xml"/> to a file as UTF-8 and validates it.</summary>
    public static async Task<ProcessResult> ValidateAsync(string xml)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "results.xml");
        await File.WriteAllTextAsync(path, xml);
        return await ValidateFileAsync(path);
    }

    public static async Task AssertValidAsync(string xml)
    {
        var result = await ValidateAsync(xml);
        Assert.True(result.ExitCode == 0, $"xmllint rejects the document:\n{result}\n--- document\n{xml}");
    }

    public static async Task AssertValidFileAsync(string path)
    {
        var result = await ValidateFileAsync(path);
        Assert.True(result.ExitCode == 0, $"xmllint rejects {path}:\n{result}");
    }
}
