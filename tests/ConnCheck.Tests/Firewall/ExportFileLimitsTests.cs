using ConnCheck.Configuration;
using ConnCheck.Firewall;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Firewall;

/// <summary>Export files come from other hosts: they are read within the limits of configuration files (SPEC C6).</summary>
public sealed class ExportFileLimitsTests
{
    [Fact]
    public void Read_DeepNesting_IsAnError()
    {
        Assert.Equal("x.yaml:1:65: YAML nested deeper than 64 levels", ReadError(new string('[', 200_000)));
    }

    [Fact]
    public void Read_DeepFlowMappings_IsAnError()
    {
        Assert.Equal("x.yaml:1:257: YAML nested deeper than 64 levels", ReadError(string.Concat(Enumerable.Repeat("{a: ", 100_000))));
    }

    [Fact]
    public void Read_AliasBomb_IsAnError()
    {
        var text = "laughs:\n- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat("abcdefgh".Zip("bcdefghi", (inner, outer) => $"- &{outer} [{string.Join(", ", Enumerable.Repeat($"*{inner}", 10))}]\n"));

        Assert.Equal("x.yaml:7:35: aliases stand for more than 1000000 values in all", ReadError(text));
    }

    [Fact]
    public void Read_ComplexKey_IsAnError()
    {
        Assert.Equal("x.yaml:2:4: a mapping used as a key (keys must be single values)", ReadError("egress:\n- {{from_host: a}: b}\n"));
    }

    [Fact]
    public void Read_PortThatIsAList_IsDescribedNotQuoted()
    {
        Assert.Equal(
            "x.yaml:2:53: ports must be numbers from 1 to 65535, found a list of 2 items",
            ReadError("egress:\n- {from_host: a, to_host: b, protocol: tcp, ports: [[1, 2]]}\n"));
    }

    [Fact]
    public void ReadFile_LargerThanTheLimit_IsRefusedUnread()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "huge.yaml");
        using (var file = File.Create(path))
        {
            file.SetLength(YamlSource.MaxBytes + 1L);
        }

        var e = Assert.Throws<ConfigurationException>(() => ExportFileReader.ReadFile(path));

        Assert.Equal($"{path}:1:1: cannot read export file: it is larger than 64 MiB, the most conn-check reads", Assert.Single(e.Errors).ToString());
    }

    private static string ReadError(string text)
    {
        var e = Assert.Throws<ConfigurationException>(() => ExportFileReader.Read(text, "x.yaml"));
        return Assert.Single(e.Errors).ToString();
    }
}
