using System.Text.Json;
using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Output;

/// <summary>Debian's <c>prove</c> and the TAP::Parser under it, reading TAP as a harness does.</summary>
internal static class Prove
{
    // What TAP::Parser makes of each line: tests with their directive and YAML data, anything it could
    // not parse, and its parse errors.
    private const string ParserScript = """
        use strict; use warnings;
        use TAP::Parser; use JSON::PP;
        open(my $in, '<:encoding(UTF-8)', $ARGV[0]) or die $!;
        my $tap = do { local $/; <$in> };
        my $parser = TAP::Parser->new({ tap => $tap });
        my (@tests, @unknown, $last);
        while (my $line = $parser->next) {
            if ($line->is_test) {
                $last = { ok => ($line->is_actual_ok ? JSON::PP::true : JSON::PP::false), number => $line->number,
                          description => $line->description, directive => $line->directive, explanation => $line->explanation };
                push @tests, $last;
            } elsif ($line->is_yaml) {
                die "YAML block without a test" unless $last;
                $last->{yaml} = $line->data;
            } elsif ($line->is_unknown) {
                push @unknown, $line->raw;
            }
        }
        print JSON::PP->new->utf8->canonical->encode({
            tests => \@tests, unknown => \@unknown, parse_errors => [$parser->parse_errors],
            plan => $parser->plan, version => $parser->version, passed => ($parser->has_problems ? JSON::PP::false : JSON::PP::true) });
        """;

    /// <summary>Runs <c>prove --exec cat FILE</c> on <paramref name="tap"/>: exit 0 when the TAP passes.</summary>
    public static async Task<ProcessResult> RunAsync(string tap)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "results.tap");
        await File.WriteAllTextAsync(path, tap);
        return await RunFileAsync(path);
    }

    /// <summary>Runs <c>prove --exec cat FILE</c> on a file.</summary>
    public static Task<ProcessResult> RunFileAsync(string path) =>
        ConnCheckBinary.RunProcessAsync("prove", ["--verbose", "--exec", "cat", path], Path.GetDirectoryName(path)!);

    /// <summary>What TAP::Parser reads in <paramref name="tap"/>, as JSON: tests (with YAML data), unknown lines, parse errors, plan.</summary>
    public static async Task<JsonElement> ParseAsync(string tap)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "results.tap");
        var script = Path.Combine(directory.Path, "parse.pl");
        await File.WriteAllTextAsync(path, tap);
        await File.WriteAllTextAsync(script, ParserScript);
        var result = await ConnCheckBinary.RunProcessAsync("perl", [script, path], directory.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Asserts that prove read <paramref name="result"/>'s TAP without a parse error and closed with
    /// <c>Result: <paramref name="expected"/></c> (PASS, FAIL, or NOTESTS for an empty plan), exiting 0 unless FAIL.
    /// </summary>
    public static void AssertOutcome(ProcessResult result, string expected)
    {
        Assert.DoesNotContain("Parse errors", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.True(result.StdoutLines.LastOrDefault() == $"Result: {expected}", $"prove should close with Result: {expected}:\n{result}");
        Assert.True((expected != "FAIL") == (result.ExitCode == 0), $"prove's exit status does not match Result: {expected}:\n{result}");
    }
}
