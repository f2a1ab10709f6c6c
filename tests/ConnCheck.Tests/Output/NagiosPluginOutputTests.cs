namespace ConnCheck.Tests.Output;

/// <summary>The strict reader of plugin output refuses what the guidelines do not allow, so the format's tests can fail.</summary>
public sealed class NagiosPluginOutputTests
{
    [Fact]
    public void Parse_GuidelinesExample_ReadsEveryPart()
    {
        var output = NagiosPluginOutput.Parse("CONN-CHECK OK - 1 of 1 ok | ok=1;;;0;1 'a b''c'=0.5s;1;2:3;0;10\nline 1\nline 2 | x=1c\ny=2%;;;0;100\n");

        Assert.Equal(("OK", "1 of 1 ok"), (output.State, output.Text));
        Assert.Equal(["line 1", "line 2"], output.LongText);
        Assert.Equal(["ok", "a b'c", "x", "y"], output.Perfdata.Select(p => p.Label));
        Assert.Equal(new NagiosPerfdata("a b'c", 0.5m, "s", "1", "2:3", 0m, 10m), output.StatusPerfdata[1]);
    }

    [Theory]
    [InlineData("CONN-CHECK FINE - all good\n")]
    [InlineData("CONN-CHECK OK - x | a=1x\n")]
    [InlineData("CONN-CHECK OK - x | a b=1\n")]
    [InlineData("CONN-CHECK OK - x | 'a=b'=1\n")]
    [InlineData("CONN-CHECK OK - x | 'a'=1e-3s\n")]
    [InlineData("CONN-CHECK OK - x | 'a'=1;;;0;1;2\n")]
    [InlineData("CONN-CHECK OK - x | 'a=1\n")]
    [InlineData("CONN-CHECK OK - x\nlong | a=1 | b=2\n")]
    [InlineData("CONN-CHECK OK - x|a=1\n")]
    [InlineData("CONN-CHECK OK - x")]
    public void Parse_OutsideTheGuidelines_Throws(string output)
    {
        Assert.Throws<FormatException>(() => NagiosPluginOutput.Parse(output));
    }
}
