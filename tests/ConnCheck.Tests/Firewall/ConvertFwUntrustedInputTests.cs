using ConnCheck.Cli;
using ConnCheck.Firewall;
using ConnCheck.Tests.Checks;
using ConnCheck.Tests.Cli;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Firewall;

/// <summary>
/// What people paste into a shell and read on a terminal: no <c>--group</c> value adds a command to
/// the generated lines (they are run through a real <c>sh</c> here), and nothing from an export file,
/// which another host wrote, reaches stderr with its control characters.
/// </summary>
public sealed class ConvertFwUntrustedInputTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeHostResolver _resolver = ConvertFwFixtures.Resolver();

    public ConvertFwUntrustedInputTests() => _directory.Write("app1.yaml", ConvertFwFixtures.App1);

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("aws", "x; touch CANARY")]
    [InlineData("aws", "$(touch CANARY)")]
    [InlineData("neutron", "`touch CANARY`")]
    [InlineData("nova", "x' ; touch CANARY ; '")]
    [InlineData("nova", "a && touch CANARY || b")]
    [InlineData("neutron", "x > CANARY")]
    [InlineData("aws", "web servers (prod) #1 & $HOME")]
    [InlineData("nova", "~root")]
    [InlineData("aws", "*")]
    public async Task Format_GroupWithShellSyntax_OneWordThatRunsNothing(string type, string group)
    {
        var conversion = await ConvertFwFixtures.ConvertAsync(type, FirewallFormatOptions.Default with { Group = group }, null, ConvertFwFixtures.App1);

        foreach (var line in conversion.Output.TrimEnd('\n').Split('\n'))
        {
            var words = await ShellWordsAsync(line);

            Assert.False(System.IO.File.Exists(Path.Combine(_directory.Path, "CANARY")), $"the shell ran a command from: {line}");
            Assert.Equal(line.Split(' ').Length - CountOf(SecurityGroupWord.Quote(group), ' '), words.Count);
            Assert.Contains(group, words);
        }
    }

    [Theory]
    [InlineData("sg-0123456789abcdef0")]
    [InlineData("3b8f2a4e-6c1d-4f5e-9a7b-0c2d4e6f8a1b")]
    [InlineData("web-egress_v2.prod")]
    [InlineData("$SECGROUP")]
    [InlineData("${WEB_GROUP}")]
    public void Quote_IdsNamesAndShellVariables_AsWritten(string group) =>
        Assert.Equal(group, SecurityGroupWord.Quote(group));

    [Fact]
    public async Task Format_DefaultGroup_TheShellFillsItIn()
    {
        var conversion = await ConvertFwFixtures.ConvertAsync("nova", null, null, ConvertFwFixtures.App1);

        var words = await ShellWordsAsync(conversion.Output.Split('\n')[0], new Dictionary<string, string> { ["SECGROUP"] = "sg-from-the-shell" });

        Assert.Equal(["nova", "secgroup-add-rule", "sg-from-the-shell", "tcp", "5432", "5432", "192.0.2.10/32"], words);
    }

    [Theory]
    [InlineData("sg-1\nrm -rf /")]
    [InlineData("sg-1\r")]
    [InlineData("sg\u001b[2J")]
    [InlineData("sg-\u202Eevil")]
    [InlineData("")]
    [InlineData("   ")]
    public void Options_GroupWithControlCharactersOrEmpty_Refused(string group) =>
        Assert.Throws<ArgumentException>(() => FirewallFormatOptions.Default with { Group = group });

    [Theory]
    [InlineData("sg-1\nrm -rf /", "sg-1\\nrm -rf /")]
    [InlineData("sg\u001b[2J", "sg\\u001B[2J")]
    public async Task RunAsync_GroupWithControlCharacters_UsageErrorEscaped(string group, string shown)
    {
        var run = await RunAsync("convert-fw", "-t", "aws", "--group", group, File("app1.yaml"));

        Assert.Equal((2, ""), (run.Exit, run.Stdout));
        Assert.Equal(
            "usage: conn-check convert-fw -t TYPE [--group GROUP] FILE [FILE ...]\nconn-check convert-fw: error: argument --group: the security group id or name holds control characters\n",
            run.Stderr);
        Assert.DoesNotContain(shown, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_resolver.Asked);
    }

    [Fact]
    public async Task RunAsync_ExportFileWithControlCharacters_EveryMessageEscaped()
    {
        _directory.Write("hostile.yaml", """
            egress:
            - {from_host: "app\u001b]0;pwned\u0007.example", to_host: db.example, protocol: tcp, ports: [1]}
            - {from_host: a.example, to_host: "db.example\nconn-check convert-fw: all good", protocol: tcp, ports: [1]}
            - {from_host: a.example, to_host: db.example, protocol: "tcp\r\u001b[1A", ports: [1]}
            - {from_host: a.example, to_host: db.example, protocol: tcp, ports: ["1\u009b2J"]}
            - {from_host: a.example, to_host: "\u202Eelpmaxe.bd", protocol: tcp, ports: [1]}
            """);

        var run = await RunAsync("convert-fw", "-t", "iptables", File("hostile.yaml"));

        Assert.Equal((1, ""), (run.Exit, run.Stdout));
        var file = File("hostile.yaml");
        Assert.Equal(
            [
                $"{file}:2:15: from_host must be a host name or address, not 'app\\u001B]0;pwned\\u0007.example'",
                $"{file}:3:35: to_host must be a host name or address, not 'db.example\\nconn-check convert-fw: all good'",
                $"{file}:4:57: protocol must be tcp or udp, not 'tcp\\r\\u001B[1a'",
                $"{file}:5:70: ports must be numbers from 1 to 65535, found '1\\u009B2J'",
                $"{file}:6:35: to_host must be a host name or address, not '\\u202Eelpmaxe.bd'",
            ],
            run.Stderr.TrimEnd('\n').Split('\n'));
        AssertPrintable(run.Stderr);
    }

    [Fact]
    public async Task RunAsync_LongValueInExportFile_ShortenedInTheMessage()
    {
        var host = new string('h', 5000) + ";";
        _directory.Write("long.yaml", $"egress:\n- {{from_host: a.example, to_host: \"{host}\", protocol: tcp, ports: [1]}}\n");

        var run = await RunAsync("convert-fw", "-t", "ufw", File("long.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.EndsWith($"to_host must be a host name or address, not '{new string('h', 80)}...'\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FileNameWithControlCharacters_Escaped()
    {
        // A glob over files received from other hosts may bring any name along.
        var name = _directory.Write("fw-\u001b[31mevil\n.yaml", "egress:\n- {from_host: a.example, to_host: db.example, protocol: icmp, ports: [1]}\n");

        var run = await RunAsync("convert-fw", "-t", "ufw", File(name), File("missing\u001b.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.Equal(
            [
                $"{_directory.Path}/fw-\\u001B[31mevil\\n.yaml:2:57: protocol must be tcp or udp, not 'icmp'",
                $"{_directory.Path}/missing\\u001B.yaml:1:1: cannot read export file: no such file",
            ],
            run.Stderr.TrimEnd('\n').Split('\n').Order(StringComparer.Ordinal));
        AssertPrintable(run.Stderr);
    }

    [Fact]
    public async Task RunAsync_BadYamlFromAnotherHost_Escaped()
    {
        _directory.Write("broken.yaml", "egress:\n- {from_host: a\u001b[2J, to_host: [\n");

        var run = await RunAsync("convert-fw", "-t", "ufw", File("broken.yaml"));

        Assert.Equal(1, run.Exit);
        AssertPrintable(run.Stderr);
    }

    [Fact]
    public async Task RunAsync_UnknownTypeWithControlCharacters_Escaped()
    {
        var run = await RunAsync("convert-fw", "-t", "pf\u001b[2J", File("app1.yaml"));

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("conn-check convert-fw: error: invalid output type (pf\\u001B[2J); types: ", run.Stderr, StringComparison.Ordinal);
    }

    private static void AssertPrintable(string stderr) =>
        Assert.DoesNotContain(stderr.TrimEnd('\n').Split('\n'), line => line.Any(c => char.IsControl(c) || c is '\u202E'));

    private static int CountOf(string text, char c) => text.Count(x => x == c);

    /// <summary>
    /// The words <c>sh</c> makes of <paramref name="line"/> when it runs it, the program a function
    /// that prints its arguments; in the test's directory, so that a command that escapes leaves CANARY there.
    /// </summary>
    private async Task<IReadOnlyList<string>> ShellWordsAsync(string line, IReadOnlyDictionary<string, string>? environment = null)
    {
        var program = line.Split(' ')[0];
        var script = $"{program}() {{ printf '%s\\0' \"{program}\" \"$@\"; }}\n{line}\n";
        var run = await ConnCheckBinary.RunProcessAsync("/bin/sh", ["-c", script], _directory.Path, environment, TimeSpan.FromSeconds(10));
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout.TrimEnd('\0').Split('\0');
    }

    private string File(string name) => Path.Combine(_directory.Path, name);

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        ExportFwCommandTests.RunWithAsync(AppEnvironment.System with { Resolver = _resolver, Fqdn = new ExportFwFixedFqdn("app9.example") }, args);
}
