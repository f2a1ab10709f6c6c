namespace ConnCheck.Tests.Configuration;

/// <summary>Finds the files under testdata/, which the build copies next to the test assembly.</summary>
internal static class TestFiles
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "testdata");

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);
}
