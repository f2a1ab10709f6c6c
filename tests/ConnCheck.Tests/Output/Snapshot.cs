using ConnCheck.Tests.Configuration;

namespace ConnCheck.Tests.Output;

/// <summary>Compares output with a file under testdata/snapshots, exactly.</summary>
internal static class Snapshot
{
    public static void Matches(string name, string actual)
    {
        var path = TestFiles.PathOf("snapshots", name);
        var expected = File.Exists(path) ? File.ReadAllText(path) : null;
        if (expected == actual)
        {
            return;
        }

        // Leave what we got beside the build output, so a deliberate change is one copy away.
        var received = Path.ChangeExtension(path, ".received.txt");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"no snapshot {name}; the output is in {received}"
            : $"output differs from snapshot {name}; the output is in {received}\n--- expected\n{expected}--- actual\n{actual}");
    }
}
